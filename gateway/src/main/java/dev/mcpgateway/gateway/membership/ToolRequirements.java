package dev.mcpgateway.gateway.membership;

import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.policy.ToolRequirement;
import reactor.core.publisher.Mono;

/**
 * What a tenant's tool demands, including what only the backend knows: for {@code mcp} tenants that derive levels
 * from tool annotations, the tool's {@code readOnlyHint}. Rules and precedence stay in {@code TenantPolicy}; this only
 * supplies the annotation level it takes. Implemented by {@code McpBackends}.
 */
public interface ToolRequirements {

    /** Rules and the tenant default only, for tenants (and tests) without annotation levels. */
    ToolRequirements RULES_ONLY = (tenant, tool) -> Mono.just(tenant.policy().requirementFor(tool));

    /** The requirement for {@code tool} in {@code tenant}; never fails (unknown annotations count as not read-only). */
    Mono<ToolRequirement> requirementFor(Tenant tenant, String tool);
}
