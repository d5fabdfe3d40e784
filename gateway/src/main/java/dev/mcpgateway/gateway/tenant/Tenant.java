package dev.mcpgateway.gateway.tenant;

import dev.mcpgateway.policy.TenantPolicy;
import java.net.URI;

/** One tenant as the gateway sees it: where its backend is and which rules apply to its tools. */
public record Tenant(String id, String displayName, URI backendUrl, BackendType backendType, boolean enabled,
                     boolean toolLevelsFromAnnotations, TenantPolicy policy) {
}
