package dev.mcpgateway.gateway.membership;

import dev.mcpgateway.policy.AccessDecision;
import org.springframework.web.server.ServerWebExchange;

/**
 * What the membership check decided for one call to a tenant's tool. Kept on the exchange so that audit and
 * metrics, which run around the whole chain, record the same tenant, tool and decision the check used.
 *
 * @param tenantId the tenant of the route
 * @param tool     the tool (first path segment after the tenant), or {@code null} for the tenant root
 * @param decision the access decision, or {@code null} when the call was refused before one was made (401, 404)
 */
public record TenantCall(String tenantId, String tool, AccessDecision decision) {

    public static final String ATTRIBUTE = TenantCall.class.getName();

    public static TenantCall of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }
}
