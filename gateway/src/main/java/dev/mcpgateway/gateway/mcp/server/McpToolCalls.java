package dev.mcpgateway.gateway.mcp.server;

import dev.mcpgateway.gateway.audit.CallOutcome;
import dev.mcpgateway.gateway.error.GatewayProblem;
import dev.mcpgateway.gateway.identity.CallerIdentity;
import dev.mcpgateway.gateway.limit.LimitRefusal;
import dev.mcpgateway.gateway.limit.ToolCallLimits;
import dev.mcpgateway.gateway.mcp.backend.BackendRpcException;
import dev.mcpgateway.gateway.mcp.server.CallerToolCatalog.ResolvedTool;
import dev.mcpgateway.gateway.membership.TenantCall;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One {@code tools/call} the gateway answers itself, in either era: the tool resolved in the endpoint's
 * {@link ToolScope}, the same membership and level decision and the same limits as the HTTP path, then the tenant's
 * backend. Recorded like an HTTP tool call: by {@link McpCallAudit} on {@code /mcp}, by the audit filter (from the
 * exchange's {@link TenantCall}) on {@code /tools/<tenant>/mcp}.
 */
@Component
class McpToolCalls {

    private static final Logger log = LoggerFactory.getLogger(McpToolCalls.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final CallerToolCatalog catalog;
    private final McpCallAudit audit;
    private final ToolCallLimits limits;

    McpToolCalls(CallerToolCatalog catalog, McpCallAudit audit, ToolCallLimits limits) {
        this.catalog = catalog;
        this.audit = audit;
        this.limits = limits;
    }

    /** The JSON-RPC answer to a {@code tools/call} with {@code params}: a result, or an error the client can read. */
    @SuppressWarnings("unchecked")
    Mono<Map<String, Object>> call(ServerWebExchange exchange, CallerIdentity caller, JsonNode id, JsonNode params,
                                   ToolScope scope) {
        String name = params.path("name").isString() ? params.get("name").asString() : null;
        JsonNode arguments = params.get("arguments");
        if (name == null || (arguments != null && !arguments.isNull() && !arguments.isObject())) {
            return Mono.just(JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "tools/call needs a name and object arguments"));
        }
        Map<String, Object> args = arguments == null || arguments.isNull() ? Map.of()
                : JSON.convertValue(arguments, LinkedHashMap.class);
        Call call = new Call(exchange, scope.tenantId() == null, caller, name, Instant.now(), System.nanoTime());
        return scope.resolve(caller.email(), name)
                .doOnNext(call::resolved)
                .flatMap(resolved -> resolved.decision().allowed()
                        ? forward(call, resolved, args, id)
                        : Mono.just(forbidden(call, resolved, id)))
                .switchIfEmpty(Mono.fromSupplier(() -> {
                    call.record(audit, (String) null, CallOutcome.NOT_FOUND, 404, "unknown tool or not a member",
                            "not_a_member");
                    return JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "Unknown tool: " + name);
                }))
                .onErrorResume(error -> {
                    String tenant = scope.tenantOf(name);
                    call.record(audit, tenant, CallOutcome.ERROR, 503, "the tenant's tools could not be listed", null);
                    return Mono.just(JsonRpc.error(id, JsonRpc.BACKEND_UNAVAILABLE,
                            "the tool server of tenant '" + tenant + "' cannot be reached; try again shortly"));
                });
    }

    /** The same limits as the HTTP path; a limited call is a tool result the model can act on, not an error. */
    private Mono<Map<String, Object>> forward(Call call, ResolvedTool resolved, Map<String, Object> args, JsonNode id) {
        return limits.limit(resolved.tenant(), call.caller().email(), () -> callTool(call, resolved, args, id),
                refusal -> Mono.just(rateLimited(call, resolved, refusal, id)));
    }

    private Map<String, Object> rateLimited(Call call, ResolvedTool resolved, LimitRefusal refusal, JsonNode id) {
        call.exchange().getAttributes().put(LimitRefusal.ATTRIBUTE, refusal);
        call.record(audit, resolved, CallOutcome.RATE_LIMITED, refusal.problem().status().value(),
                CallOutcome.RATE_LIMITED.value() + ": " + refusal.sentence(), null);
        return JsonRpc.toolError(id, refusal.sentence());
    }

    private Mono<Map<String, Object>> callTool(Call call, ResolvedTool resolved, Map<String, Object> args, JsonNode id) {
        String reason = resolved.decision().explanation();
        log.debug("MCP call {}/{} {}", resolved.tenant().id(), resolved.tool(), reason);
        return catalog.sourceFor(resolved.tenant()).call(resolved.tenant(), resolved.tool(), args)
                .map(result -> {
                    call.record(audit, resolved, CallOutcome.ALLOWED, 200,
                            result.isError() ? reason + "; the tool reported an error" : reason, null);
                    return JsonRpc.result(id, result.asJson());
                })
                .onErrorResume(BackendRpcException.class, error -> {
                    call.record(audit, resolved, CallOutcome.ALLOWED, 200, reason + "; backend error " + error.code(), null);
                    return Mono.just(JsonRpc.error(id, error.code(), error.getMessage()));
                })
                .onErrorResume(GatewayProblem.class, problem -> {
                    call.record(audit, resolved, CallOutcome.ERROR, problem.status().value(),
                            reason + "; " + problem.problem().getDetail(), null);
                    return Mono.just(JsonRpc.error(id, JsonRpc.BACKEND_UNAVAILABLE, problem.problem().getDetail()));
                });
    }

    private Map<String, Object> forbidden(Call call, ResolvedTool resolved, JsonNode id) {
        String reason = resolved.decision().explanation();
        log.debug("MCP call {}/{} refused: {}", resolved.tenant().id(), resolved.tool(), reason);
        call.record(audit, resolved, CallOutcome.DENIED, 403, reason,
                resolved.decision().outcome().name().toLowerCase(Locale.ROOT));
        return JsonRpc.error(id, JsonRpc.FORBIDDEN, "Forbidden: tool '" + resolved.tool() + "' of tenant '"
                + resolved.tenant().id() + "': " + reason);
    }

    /**
     * One {@code tools/call} being handled: who, what, since when. On {@code /mcp} it is audited here; on a tenant's
     * endpoint the audit filter records the whole request, and only needs to know the tenant, tool and decision.
     */
    private record Call(ServerWebExchange exchange, boolean auditedHere, CallerIdentity caller, String name,
                        Instant arrived, long startedNanos) {

        void resolved(ResolvedTool resolved) {
            if (!auditedHere) {
                exchange.getAttributes().put(TenantCall.ATTRIBUTE,
                        new TenantCall(resolved.tenant().id(), resolved.tool(), resolved.decision()));
            }
        }

        void record(McpCallAudit audit, ResolvedTool resolved, CallOutcome outcome, int status, String reason,
                    String denial) {
            if (auditedHere) {
                audit.record(caller, resolved.tenant().id(), resolved.tool(), outcome, status, reason, denial, arrived,
                        startedNanos);
            }
        }

        /** A call whose tool could not be resolved: recorded under the name the caller used. */
        void record(McpCallAudit audit, String tenant, CallOutcome outcome, int status, String reason, String denial) {
            if (auditedHere) {
                audit.record(caller, tenant, name, outcome, status, reason, denial, arrived, startedNanos);
            }
        }
    }
}
