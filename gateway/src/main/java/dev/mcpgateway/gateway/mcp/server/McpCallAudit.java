package dev.mcpgateway.gateway.mcp.server;

import dev.mcpgateway.gateway.audit.AuditEvent;
import dev.mcpgateway.gateway.audit.AuditLog;
import dev.mcpgateway.gateway.audit.CallOutcome;
import dev.mcpgateway.gateway.audit.ToolCallMetrics;
import dev.mcpgateway.gateway.identity.CallerIdentity;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.springframework.stereotype.Component;

/**
 * Records each {@code tools/call} on {@code /mcp} the way the HTTP path's audit filter records a call: one audit
 * event (user, tenant, tool, decision, the HTTP status the HTTP path would have answered, reason, latency, chat and
 * message id, client) and the {@code mcpgateway.requests} metrics. ({@code /tools/<tenant>/mcp} is recorded by that
 * filter itself, from the {@code TenantCall} the pass-through sets.)
 */
@Component
class McpCallAudit {

    private final AuditLog auditLog;
    private final ToolCallMetrics metrics;

    McpCallAudit(AuditLog auditLog, ToolCallMetrics metrics) {
        this.auditLog = auditLog;
        this.metrics = metrics;
    }

    /** One call's outcome; {@code denial} names the refusal reason for the denials metric, else {@code null}. */
    void record(CallerIdentity caller, String tenantId, String tool, CallOutcome outcome, int status, String reason,
                String denial, Instant arrived, long startedNanos) {
        long nanos = System.nanoTime() - startedNanos;
        if (denial != null) {
            metrics.recordDenial(tenantId, denial);
        }
        metrics.recordCall(tenantId, tool, outcome, nanos);
        AuditEvent.Decision decision = switch (outcome) {
            case ALLOWED -> AuditEvent.Decision.ALLOW;
            case ERROR -> AuditEvent.Decision.ERROR;
            default -> AuditEvent.Decision.DENY;
        };
        auditLog.record(new AuditEvent(arrived, caller.email(), caller.userId(), tenantId, tool, decision, status,
                "mcp: " + reason, (int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(nanos)),
                caller.chatId(), caller.messageId(), caller.client(), caller.identifiedBy(),
                outcome == CallOutcome.RATE_LIMITED));
    }
}
