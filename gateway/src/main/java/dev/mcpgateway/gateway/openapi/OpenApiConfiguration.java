package dev.mcpgateway.gateway.openapi;

import dev.mcpgateway.gateway.config.GatewayProperties;
import dev.mcpgateway.gateway.tenant.TenantDirectory;
import io.netty.channel.ChannelOption;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.json.JsonMapper;

/**
 * The spec endpoints and the one pooled HTTP client all spec fetches share. Router functions are mapped before the
 * gateway's routes, so {@code /tools/<tenant>/openapi.json} is answered here, not forwarded.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    @Bean
    BackendOpenApiSpecSource backendOpenApiSpecSource(GatewayProperties properties, JsonMapper json) {
        Duration timeout = properties.openapi().fetchTimeout();
        Duration connectTimeout = timeout.compareTo(MAX_CONNECT_TIMEOUT) < 0 ? timeout : MAX_CONNECT_TIMEOUT;
        ConnectionProvider connections = ConnectionProvider.builder("openapi-specs")
                .maxConnections(32)
                .pendingAcquireTimeout(timeout)
                .maxIdleTime(Duration.ofSeconds(30))
                .build();
        HttpClient http = HttpClient.create(connections)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) connectTimeout.toMillis())
                .responseTimeout(timeout);
        WebClient specClient = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(http))
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize((int) properties.openapi().maxSpecSize().toBytes()))
                .build();
        return new BackendOpenApiSpecSource(specClient, connections, json);
    }

    @Bean
    RouterFunction<ServerResponse> openApiRoutes(TenantDirectory directory, TenantToolSpecs specs, TenantSpecCache cache,
                                                 AggregatedSpecBuilder aggregator) {
        OpenApiHandler handler = new OpenApiHandler(directory, specs, cache, aggregator);
        return RouterFunctions.route()
                .GET("/tools/{tenant}/openapi.json", handler::tenantSpec)
                .GET("/openapi.json", handler::aggregatedSpec)
                .build();
    }
}
