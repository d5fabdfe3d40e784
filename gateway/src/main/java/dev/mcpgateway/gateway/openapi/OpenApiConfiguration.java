package dev.mcpgateway.gateway.openapi;

import dev.mcpgateway.gateway.config.GatewayProperties;
import dev.mcpgateway.gateway.credential.BackendCredentials;
import dev.mcpgateway.gateway.directory.TenantDirectory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.reactive.function.server.RouterFunction;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The spec endpoints and the one pooled HTTP client all spec fetches share. Router functions are mapped before the
 * gateway's routes, so {@code /tools/<tenant>/openapi.json} is answered here, not forwarded.
 */
@Configuration(proxyBeanMethods = false)
class OpenApiConfiguration {

    @Bean
    BackendOpenApiSpecSource backendOpenApiSpecSource(GatewayProperties properties,
                                                      ObjectProvider<BackendCredentials> credentials, JsonMapper json) {
        return BackendOpenApiSpecSource.create(properties.openapi(), credentials.getIfAvailable(() -> BackendCredentials.NONE), json);
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
