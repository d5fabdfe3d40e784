/**
 * Step 2 of a call: may this caller use this tool of this tenant. The {@code TenantMembership} route filter decides
 * on the directory's snapshot and keeps the {@code TenantCall} for limits and audit; a failed forwarding of that call
 * becomes the tenant's 502, 503 or 504 problem.
 */
package dev.mcpgateway.gateway.membership;
