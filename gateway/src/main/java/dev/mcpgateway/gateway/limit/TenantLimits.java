package dev.mcpgateway.gateway.limit;

import dev.mcpgateway.gateway.config.GatewayProperties;
import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.policy.RateLimits.Bucket;
import dev.mcpgateway.policy.RateLimits;

/**
 * The limits in force for one tenant: each part is the tenant's own value when it sets one, else the gateway's
 * default ({@code mcpgateway.rate-limit.*}). A bucket with a rate of 0 and a concurrency of 0 mean unlimited.
 *
 * @param perUser            the bucket every member has for this tenant
 * @param tenant             the bucket all members share
 * @param maxConcurrentCalls calls in flight to the tenant's tool server from this replica
 */
public record TenantLimits(Bucket perUser, Bucket tenant, int maxConcurrentCalls) {

    /** The effective limits of {@code tenant} given the gateway's {@code defaults}. */
    public static TenantLimits of(Tenant tenant, GatewayProperties.RateLimit defaults) {
        RateLimits own = tenant.rateLimits();
        return new TenantLimits(
                own.perUser() != null ? own.perUser() : defaults.perUser().asPolicyBucket(),
                own.tenant() != null ? own.tenant() : defaults.tenant().asPolicyBucket(),
                own.maxConcurrentCalls() != null ? own.maxConcurrentCalls() : defaults.maxConcurrentCalls());
    }
}
