package dev.mcpgateway.gateway.directory;

import dev.mcpgateway.policy.RateLimits;
import dev.mcpgateway.policy.TenantPolicy;
import java.net.URI;

/**
 * One tenant as the gateway sees it: where its backend is, which rules apply to its tools, and its own call limits
 * ({@link RateLimits#NONE} when it sets none, so the gateway's defaults apply).
 */
public record Tenant(String id, String displayName, URI backendUrl, BackendType backendType, boolean enabled,
                     boolean toolLevelsFromAnnotations, TenantPolicy policy, RateLimits rateLimits) {

    public Tenant {
        rateLimits = rateLimits == null ? RateLimits.NONE : rateLimits;
    }

    /** A tenant that sets no limits of its own. */
    public Tenant(String id, String displayName, URI backendUrl, BackendType backendType, boolean enabled,
                  boolean toolLevelsFromAnnotations, TenantPolicy policy) {
        this(id, displayName, backendUrl, backendType, enabled, toolLevelsFromAnnotations, policy, RateLimits.NONE);
    }

    /** The tenant's own cap on a tool-call answer: {@code null} = the gateway's default, {@code 0} = unlimited. */
    public Long maxResponseBytes() {
        return rateLimits.maxResponseBytes();
    }
}
