package dev.mcpgateway.gateway.mcp.server;

import dev.mcpgateway.gateway.directory.BackendType;
import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.gateway.mcp.backend.BackendCallResult;
import dev.mcpgateway.gateway.mcp.backend.BackendTool;
import dev.mcpgateway.policy.ToolRequirement;
import java.util.List;
import java.util.Map;
import reactor.core.publisher.Mono;

/**
 * Where {@code /mcp} gets one kind of tenant's tools from and how it calls them: {@code mcp} tenants through
 * {@code McpBackends}, {@code openapi} (mcpo-style) tenants through their spec and {@code POST /<tool>}.
 */
interface TenantToolSource {

    BackendType backendType();

    /** The tenant's tools, from a cache; an error when the backend cannot list them now. */
    Mono<List<BackendTool>> tools(Tenant tenant);

    /** What {@code tool} demands in {@code tenant} (rules, and annotation levels where the tenant uses them). */
    ToolRequirement requirementFor(Tenant tenant, BackendTool tool);

    /** Calls {@code tool}; a tool failure is a result with {@code isError}, an unreachable backend an error. */
    Mono<BackendCallResult> call(Tenant tenant, String tool, Map<String, Object> arguments);
}
