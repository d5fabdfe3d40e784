package dev.mcpgateway.gateway.audit;

import dev.mcpgateway.gateway.error.GatewayProblem;
import dev.mcpgateway.gateway.identity.CallerIdentity;
import dev.mcpgateway.gateway.limit.LimitRefusal;
import dev.mcpgateway.gateway.membership.TenantCall;
import dev.mcpgateway.policy.AccessDecision;
import dev.mcpgateway.policy.TenantIds;
import dev.mcpgateway.policy.ToolPaths;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatusCode;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;
import reactor.core.publisher.SignalType;

/**
 * Records every call to {@code /tools/<tenant>/**} when it completes: one {@link AuditEvent} and the request
 * metrics. It wraps the whole chain (identity, membership, credentials, forwarding), so refusals by any of them are
 * recorded too; tenant, tool and decision come from the membership check's {@link TenantCall}, the user from
 * {@link CallerIdentity}, the client key's name also when no user was proven. The spec endpoint
 * {@code /tools/<tenant>/openapi.json} is not a call and is skipped.
 */
@Component
class ToolCallAuditFilter implements WebFilter, Ordered {

    /** Outside every other filter, so that its refusals are seen. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;
    private static final String PREFIX = "/tools/";
    private static final String SPEC_DOCUMENT = "/openapi.json";

    private final AuditLog auditLog;
    private final ToolCallMetrics metrics;

    ToolCallAuditFilter(AuditLog auditLog, ToolCallMetrics metrics) {
        this.auditLog = auditLog;
        this.metrics = metrics;
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        if (!isToolCall(path)) {
            return chain.filter(exchange);
        }
        Instant arrived = Instant.now();
        long start = System.nanoTime();
        Throwable[] failure = new Throwable[1];
        return chain.filter(exchange)
                .doOnError(error -> failure[0] = error)
                .doFinally(signal -> record(exchange, path, arrived, System.nanoTime() - start, signal, failure[0]));
    }

    static boolean isToolCall(String path) {
        if (!path.startsWith(PREFIX) || path.length() == PREFIX.length()) {
            return false;
        }
        int tenantEnd = path.indexOf('/', PREFIX.length());
        return tenantEnd < 0 || !path.substring(tenantEnd).equals(SPEC_DOCUMENT);
    }

    private void record(ServerWebExchange exchange, String path, Instant arrived, long nanos, SignalType signal, Throwable failure) {
        TenantCall call = TenantCall.of(exchange);
        CallerIdentity caller = CallerIdentity.of(exchange);
        String tenantId = call != null ? call.tenantId() : tenantFromPath(path);
        String tool = call != null ? call.tool() : toolFromPath(path);
        Integer status = statusOf(exchange, signal, failure);
        AccessDecision decision = call == null ? null : call.decision();

        LimitRefusal refusal = LimitRefusal.of(exchange);
        CallOutcome outcome = refusal != null && status != null ? CallOutcome.RATE_LIMITED : outcomeOf(decision, status);
        String reason = outcome == CallOutcome.RATE_LIMITED ? rateLimitedReason(refusal)
                : reasonOf(decision, outcome, status);
        if (outcome == CallOutcome.DENIED) {
            metrics.recordDenial(tenantId, decision.outcome().name().toLowerCase(Locale.ROOT));
        } else if (outcome == CallOutcome.UNAUTHENTICATED) {
            metrics.recordDenial(tenantId, "unauthenticated");
        }
        metrics.recordCall(tenantId, tool, outcome, nanos);
        auditLog.record(new AuditEvent(arrived,
                caller == null ? null : caller.email(),
                caller == null ? null : caller.userId(),
                tenantId, tool, auditDecision(outcome), status, reason,
                (int) Math.min(Integer.MAX_VALUE, TimeUnit.NANOSECONDS.toMillis(nanos)),
                caller == null ? null : caller.chatId(),
                caller == null ? null : caller.messageId(),
                CallerIdentity.clientOf(exchange),
                caller == null ? null : caller.identifiedBy(),
                outcome == CallOutcome.RATE_LIMITED));
    }

    private static CallOutcome outcomeOf(AccessDecision decision, Integer status) {
        if (status == null || status >= 500) {
            return CallOutcome.ERROR;
        }
        if (decision != null) {
            return decision.allowed() ? CallOutcome.ALLOWED : CallOutcome.DENIED;
        }
        if (status == 401) {
            return CallOutcome.UNAUTHENTICATED;
        }
        if (status == 404) {
            return CallOutcome.NOT_FOUND;
        }
        return status >= 400 ? CallOutcome.REJECTED : CallOutcome.ALLOWED;
    }

    /** The audit_event decision is allow, deny or error; a limit's refusal is a deny whose outcome and reason say so. */
    static String rateLimitedReason(LimitRefusal refusal) {
        return CallOutcome.RATE_LIMITED.value() + ": " + refusal.sentence();
    }

    private static AuditEvent.Decision auditDecision(CallOutcome outcome) {
        return switch (outcome) {
            case ALLOWED -> AuditEvent.Decision.ALLOW;
            case ERROR -> AuditEvent.Decision.ERROR;
            default -> AuditEvent.Decision.DENY;
        };
    }

    private static String reasonOf(AccessDecision decision, CallOutcome outcome, Integer status) {
        if (status == null) {
            return "the client closed the connection before the response";
        }
        if (decision != null) {
            String explanation = decision.explanation();
            return outcome == CallOutcome.ERROR ? explanation + "; the call failed with status " + status : explanation;
        }
        return switch (outcome) {
            case UNAUTHENTICATED -> "no valid client key or verified identity";
            case NOT_FOUND -> "no such tenant or path";
            case ERROR -> "the call failed with status " + status;
            case REJECTED -> "refused with status " + status;
            default -> null;
        };
    }

    /**
     * The status answered; for an error still travelling to the exception handler, the status it will get (failures
     * to reach a tool server arrive here already as the tenant's {@link GatewayProblem}). A problem raised after the
     * status went out (an answer cut off at its size limit) is recorded with its own status.
     */
    private static Integer statusOf(ServerWebExchange exchange, SignalType signal, Throwable failure) {
        if (signal == SignalType.ON_ERROR && failure instanceof GatewayProblem problem) {
            return problem.status().value();
        }
        if (signal == SignalType.ON_ERROR && failure != null && !exchange.getResponse().isCommitted()) {
            if (failure instanceof ResponseStatusException statusError) {
                return statusError.getStatusCode().value();
            }
            return 500;
        }
        if (signal == SignalType.CANCEL) {
            return null;
        }
        HttpStatusCode status = exchange.getResponse().getStatusCode();
        return status == null ? 200 : status.value();
    }

    /** The tenant segment, kept only when it is a well-formed tenant id (the audit never stores arbitrary input there). */
    private static String tenantFromPath(String path) {
        int end = path.indexOf('/', PREFIX.length());
        String tenant = end < 0 ? path.substring(PREFIX.length()) : path.substring(PREFIX.length(), end);
        return TenantIds.isValid(tenant) ? tenant : null;
    }

    private static String toolFromPath(String path) {
        int tenantEnd = path.indexOf('/', PREFIX.length());
        if (tenantEnd < 0 || tenantEnd == path.length() - 1) {
            return null;
        }
        int toolEnd = path.indexOf('/', tenantEnd + 1);
        String tool = toolEnd < 0 ? path.substring(tenantEnd + 1) : path.substring(tenantEnd + 1, toolEnd);
        return tool.length() > ToolPaths.MAX_TOOL_LENGTH ? tool.substring(0, ToolPaths.MAX_TOOL_LENGTH) : tool;
    }
}
