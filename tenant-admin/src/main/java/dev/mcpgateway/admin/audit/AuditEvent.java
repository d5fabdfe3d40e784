package dev.mcpgateway.admin.audit;

import java.time.Instant;

/**
 * One row of {@code audit_event}: a gateway decision (kind {@code call}) or a control-plane change ({@code admin});
 * {@code outcome} is set for changes outside the database (Vault: pending, succeeded or failed) and for calls a limit
 * refused ({@code rate_limited}); {@code identifiedBy} names a call's proof ({@code openwebui-jwt}, {@code oidc},
 * {@code plain}).
 */
public record AuditEvent(long id, Instant occurredAt, String kind, String userEmail, String tenant, String tool,
        String decision, Integer status, String reason, Integer latencyMs, String client, String action, String detail,
        String outcome, String identifiedBy) {
}
