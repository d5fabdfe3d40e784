package dev.mcpgateway.gateway.mcp.bridge;

import dev.mcpgateway.gateway.directory.BackendType;
import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.gateway.mcp.backend.McpBackends;
import dev.mcpgateway.gateway.openapi.TenantSpecSource;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The spec of an {@code mcp} tenant, generated from its backend's cached {@code tools/list} the way mcpo would serve
 * it ({@link McpToolOpenApi}); the openapi package caches, rewrites and serves it like an mcpo backend's own spec.
 */
@Component
class McpTenantSpecSource implements TenantSpecSource {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final McpBackends backends;

    McpTenantSpecSource(McpBackends backends) {
        this.backends = backends;
    }

    @Override
    public BackendType backendType() {
        return BackendType.MCP;
    }

    @Override
    public Mono<JsonNode> fetchSpec(Tenant tenant) {
        return backends.tools(tenant).map(tools -> JSON.valueToTree(McpToolOpenApi.of(tenant, tools)));
    }
}
