package dev.mcpgateway.gateway.system;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The body of {@code GET /tenants}: the tenants the caller is a member of, and which proof identified the caller
 * ({@code oidc}, {@code openwebui-jwt} or {@code plain}).
 */
record CallerTenants(String user, @JsonProperty("identified_by") String identifiedBy, List<TenantSummary> tenants) {

    record TenantSummary(@JsonProperty("tenant_id") String tenantId,
                         @JsonProperty("display_name") String displayName,
                         boolean enabled) {
    }
}
