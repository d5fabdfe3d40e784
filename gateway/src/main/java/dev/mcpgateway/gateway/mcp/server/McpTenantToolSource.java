package dev.mcpgateway.gateway.mcp.server;

import dev.mcpgateway.gateway.directory.BackendType;
import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.gateway.mcp.backend.BackendCallResult;
import dev.mcpgateway.gateway.mcp.backend.BackendTool;
import dev.mcpgateway.gateway.mcp.backend.McpBackends;
import dev.mcpgateway.policy.ToolRequirement;
import java.util.List;
import java.util.Map;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/** Tools of {@code mcp} tenants: {@link McpBackends}' cached {@code tools/list} and its {@code tools/call}. */
@Component
class McpTenantToolSource implements TenantToolSource {

    private final McpBackends backends;

    McpTenantToolSource(McpBackends backends) {
        this.backends = backends;
    }

    @Override
    public BackendType backendType() {
        return BackendType.MCP;
    }

    @Override
    public Mono<List<BackendTool>> tools(Tenant tenant) {
        return backends.tools(tenant);
    }

    @Override
    public ToolRequirement requirementFor(Tenant tenant, BackendTool tool) {
        return backends.requirementFor(tenant, tool);
    }

    @Override
    public Mono<BackendCallResult> call(Tenant tenant, String tool, Map<String, Object> arguments) {
        return backends.call(tenant, tool, arguments);
    }
}
