package dev.mcpgateway.gateway.tenant;

import dev.mcpgateway.policy.TenantPolicy;
import java.net.URI;

/**
 * One tenant as the gateway sees it: where its backend is and which rules apply to its tools.
 *
 * @param maxResponseBytes the tenant's own cap on a tool-call answer ({@code tenant.max_response_bytes});
 *                         {@code null} = the gateway's default, {@code 0} = unlimited
 */
public record Tenant(String id, String displayName, URI backendUrl, BackendType backendType, boolean enabled,
                     boolean toolLevelsFromAnnotations, TenantPolicy policy, Long maxResponseBytes) {

    /** A tenant with every limit at the gateway's default. */
    public Tenant(String id, String displayName, URI backendUrl, BackendType backendType, boolean enabled,
                  boolean toolLevelsFromAnnotations, TenantPolicy policy) {
        this(id, displayName, backendUrl, backendType, enabled, toolLevelsFromAnnotations, policy, null);
    }
}
