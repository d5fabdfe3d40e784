package dev.mcpgateway.gateway.openapi;

import dev.mcpgateway.gateway.config.GatewayProperties;
import dev.mcpgateway.gateway.credential.BackendCredentials;
import dev.mcpgateway.gateway.directory.BackendType;
import dev.mcpgateway.gateway.directory.Tenant;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Duration;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads an mcpo-style backend's own spec from {@code <backendUrl>/openapi.json}, with the tenant's credentials
 * (mcpo with {@code --strict-auth} guards its spec too), through one pooled HTTP client shared by every fetch.
 */
final class BackendOpenApiSpecSource implements TenantSpecSource, DisposableBean {

    private static final Duration MAX_CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final WebClient specClient;
    private final ConnectionProvider connections;
    private final BackendCredentials credentials;
    private final JsonMapper json;

    private BackendOpenApiSpecSource(WebClient specClient, ConnectionProvider connections, BackendCredentials credentials,
                                     JsonMapper json) {
        this.specClient = specClient;
        this.connections = connections;
        this.credentials = credentials;
        this.json = json;
    }

    /** A source with its own connection pool, sized for spec fetches, closed with the application context. */
    static BackendOpenApiSpecSource create(GatewayProperties.OpenApi properties, BackendCredentials credentials, JsonMapper json) {
        Duration timeout = properties.fetchTimeout();
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
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize((int) properties.maxSpecSize().toBytes()))
                .build();
        return new BackendOpenApiSpecSource(specClient, connections, credentials, json);
    }

    @Override
    public BackendType backendType() {
        return BackendType.OPENAPI;
    }

    @Override
    public Mono<JsonNode> fetchSpec(Tenant tenant) {
        return credentials.headersFor(tenant.id())
                .flatMap(tenantHeaders -> specClient.get()
                        .uri(specUri(tenant.backendUrl()))
                        .accept(MediaType.APPLICATION_JSON)
                        .headers(headers -> headers.addAll(tenantHeaders))
                        .retrieve()
                        .bodyToMono(byte[].class))
                .map(json::readTree);
    }

    @Override
    public void destroy() {
        connections.dispose();
    }

    /** {@code http://host:8000/filesystem} → {@code http://host:8000/filesystem/openapi.json}. */
    static URI specUri(URI backendUrl) {
        String base = backendUrl.toString();
        while (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        return URI.create(base + "/openapi.json");
    }
}
