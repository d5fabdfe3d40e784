package dev.mcpgateway.admin.audit;

import java.time.Instant;

/** One row of {@code audit_event}: a gateway decision (kind {@code call}) or a control-plane change ({@code admin}). */
public record AuditEvent(long id, Instant occurredAt, String kind, String userEmail, String tenant, String tool,
        String decision, Integer status, String reason, Integer latencyMs, String client, String action, String detail) {
}
