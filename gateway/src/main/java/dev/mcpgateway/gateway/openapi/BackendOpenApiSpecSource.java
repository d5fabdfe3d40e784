package dev.mcpgateway.gateway.openapi;

import dev.mcpgateway.gateway.tenant.BackendType;
import dev.mcpgateway.gateway.tenant.Tenant;
import java.net.URI;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Mono;
import reactor.netty.resources.ConnectionProvider;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Reads an mcpo-style backend's own spec from {@code <backendUrl>/openapi.json}, through the shared spec client. */
final class BackendOpenApiSpecSource implements TenantSpecSource, DisposableBean {

    private final WebClient specClient;
    private final ConnectionProvider connections;
    private final JsonMapper json;

    BackendOpenApiSpecSource(WebClient specClient, ConnectionProvider connections, JsonMapper json) {
        this.specClient = specClient;
        this.connections = connections;
        this.json = json;
    }

    @Override
    public void destroy() {
        connections.dispose();
    }

    @Override
    public BackendType backendType() {
        return BackendType.OPENAPI;
    }

    @Override
    public Mono<JsonNode> fetchSpec(Tenant tenant) {
        return specClient.get()
                .uri(specUri(tenant.backendUrl()))
                .accept(MediaType.APPLICATION_JSON)
                .retrieve()
                .bodyToMono(byte[].class)
                .map(json::readTree);
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
