package dev.mcpgateway.gateway.mcp.server;

import dev.mcpgateway.gateway.audit.CallOutcome;
import dev.mcpgateway.gateway.error.GatewayProblem;
import dev.mcpgateway.gateway.identity.CallerIdentity;
import dev.mcpgateway.gateway.limit.LimitRefusal;
import dev.mcpgateway.gateway.limit.ToolCallLimits;
import dev.mcpgateway.gateway.mcp.backend.BackendRpcException;
import dev.mcpgateway.gateway.mcp.server.CallerToolCatalog.ResolvedTool;
import dev.mcpgateway.gateway.mcp.server.McpRequests.BadMessage;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code /mcp}: one Streamable HTTP MCP server over every tenant the caller belongs to. {@code initialize} answers at
 * once (no backend is contacted), {@code tools/list} is the caller's {@link CallerToolCatalog}, {@code tools/call}
 * goes to the tool's tenant after the same membership and level decision as the HTTP path. Sessions are
 * self-contained ({@link McpSessionCodec}), so any replica serves any request. No server-initiated stream: GET is 405.
 */
@Component
class AggregatedMcpHandler {

    private static final Logger log = LoggerFactory.getLogger(AggregatedMcpHandler.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SERVER_NAME = "mcp-tenant-gateway";
    private static final String INSTRUCTIONS = "Tools of every tenant you belong to. Each tool name starts with its "
            + "tenant (<tenant>__<tool>) and acts on that tenant only.";

    private final McpRequests requests;
    private final CallerToolCatalog catalog;
    private final McpCallAudit audit;
    private final ToolCallLimits limits;
    private final String serverVersion;

    AggregatedMcpHandler(McpRequests requests, CallerToolCatalog catalog, McpCallAudit audit, ToolCallLimits limits) {
        this.requests = requests;
        this.catalog = catalog;
        this.audit = audit;
        this.limits = limits;
        String version = AggregatedMcpHandler.class.getPackage().getImplementationVersion();
        this.serverVersion = version == null ? "dev" : version;
    }

    Mono<ServerResponse> post(ServerRequest request) {
        if (McpResponses.acceptsNeither(request.headers().accept())) {
            return new BadMessage(HttpStatus.NOT_ACCEPTABLE, JsonRpc.BAD_REQUEST,
                    "Not Acceptable: accept application/json and text/event-stream").response(request);
        }
        return requests.body(request)
                .flatMap(body -> body.isArray() ? batch(request, body) : single(request, body))
                .onErrorResume(BadMessage.class, bad -> bad.response(request));
    }

    /** No server-initiated messages are offered, so there is no stream to open. */
    Mono<ServerResponse> get(ServerRequest request) {
        return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED).allow(HttpMethod.POST, HttpMethod.DELETE).build();
    }

    /**
     * Ends the session for its client. The id holds no server state, so there is nothing to free; the client
     * drops it, and it expires after {@code session-ttl}.
     */
    Mono<ServerResponse> delete(ServerRequest request) {
        try {
            requests.session(request, null);
        } catch (BadMessage bad) {
            return bad.response(request);
        }
        return ServerResponse.noContent().build();
    }

    private Mono<ServerResponse> single(ServerRequest request, JsonNode message) {
        CallerIdentity caller = McpRequests.caller(request);
        if (JsonRpc.isRequest(message) && "initialize".equals(message.get("method").asString())) {
            String version = ProtocolVersions.negotiate(message.path("params").path("protocolVersion").asString(null));
            String sessionId = requests.newSession(caller.email(), version, null, null);
            log.debug("MCP session opened for {} ({})", caller.email(), version);
            return McpResponses.message(request, HttpStatus.OK, JsonRpc.result(message.get("id"), initializeResult(version)),
                    sessionId);
        }
        McpSession session = requests.session(request, null);
        if (JsonRpc.isNotificationOrResponse(message)) {
            return McpResponses.accepted();
        }
        if (!JsonRpc.isRequest(message)) {
            throw new BadMessage(HttpStatus.BAD_REQUEST, JsonRpc.INVALID_REQUEST, "Invalid Request");
        }
        return dispatch(caller, session, message)
                .flatMap(response -> McpResponses.message(request, HttpStatus.OK, response, null));
    }

    /** JSON-RPC batches (2025-03-26): every request answered in one array; never an {@code initialize}. */
    private Mono<ServerResponse> batch(ServerRequest request, JsonNode messages) {
        CallerIdentity caller = McpRequests.caller(request);
        McpSession session = requests.session(request, null);
        List<JsonNode> calls = new ArrayList<>();
        messages.forEach(message -> {
            if (JsonRpc.isRequest(message)) {
                calls.add(message);
            }
        });
        if (calls.isEmpty()) {
            return McpResponses.accepted();
        }
        return Flux.fromIterable(calls)
                .flatMapSequential(message -> "initialize".equals(message.get("method").asString())
                        ? Mono.just(JsonRpc.error(message.get("id"), JsonRpc.INVALID_REQUEST,
                        "initialize cannot be part of a batch"))
                        : dispatch(caller, session, message))
                .collectList()
                .flatMap(responses -> McpResponses.message(request, HttpStatus.OK, responses, null));
    }

    private Mono<Map<String, Object>> dispatch(CallerIdentity caller, McpSession session, JsonNode message) {
        JsonNode id = message.get("id");
        String method = message.get("method").asString();
        return switch (method) {
            case "ping" -> Mono.just(JsonRpc.result(id, Map.of()));
            case "tools/list" -> catalog.toolsJsonOf(caller.email())
                    .map(tools -> JsonRpc.result(id, Map.of("tools", tools)));
            case "tools/call" -> call(caller, id, message.path("params"));
            default -> Mono.just(JsonRpc.error(id, JsonRpc.METHOD_NOT_FOUND, "Method not found: " + method));
        };
    }

    @SuppressWarnings("unchecked")
    private Mono<Map<String, Object>> call(CallerIdentity caller, JsonNode id, JsonNode params) {
        String name = params.path("name").isString() ? params.get("name").asString() : null;
        JsonNode arguments = params.get("arguments");
        if (name == null || (arguments != null && !arguments.isNull() && !arguments.isObject())) {
            return Mono.just(JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "tools/call needs a name and object arguments"));
        }
        Map<String, Object> args = arguments == null || arguments.isNull() ? Map.of()
                : JSON.convertValue(arguments, LinkedHashMap.class);
        Call call = new Call(caller, name, Instant.now(), System.nanoTime());
        return catalog.resolve(caller.email(), name)
                .flatMap(resolved -> resolved.decision().allowed()
                        ? forward(call, resolved, args, id)
                        : Mono.just(forbidden(call, resolved, id)))
                .switchIfEmpty(Mono.fromSupplier(() -> {
                    call.record(audit, (String) null, CallOutcome.NOT_FOUND, 404, "unknown tool or not a member", "not_a_member");
                    return JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "Unknown tool: " + name);
                }))
                .onErrorResume(error -> {
                    String tenant = name.substring(0, Math.max(0, name.indexOf("__")));
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
        call.record(audit, resolved, CallOutcome.RATE_LIMITED, refusal.problem().status().value(),
                CallOutcome.RATE_LIMITED.value() + ": " + refusal.sentence(), null);
        return JsonRpc.toolError(id, refusal.sentence());
    }

    private Mono<Map<String, Object>> callTool(Call call, ResolvedTool resolved, Map<String, Object> args, JsonNode id) {
        String tenant = resolved.tenant().id();
        String reason = resolved.decision().explanation();
        log.debug("MCP call {}__{} {}", tenant, resolved.tool(), reason);
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
        log.debug("MCP call {}__{} refused: {}", resolved.tenant().id(), resolved.tool(), reason);
        call.record(audit, resolved, CallOutcome.DENIED, 403, reason,
                resolved.decision().outcome().name().toLowerCase(Locale.ROOT));
        return JsonRpc.error(id, JsonRpc.FORBIDDEN, "Forbidden: tool '" + resolved.tool() + "' of tenant '"
                + resolved.tenant().id() + "': " + reason);
    }

    /** One {@code tools/call} being handled: who, what, since when, for the audit record. */
    private record Call(CallerIdentity caller, String name, Instant arrived, long startedNanos) {

        void record(McpCallAudit audit, ResolvedTool resolved, CallOutcome outcome, int status, String reason,
                    String denial) {
            audit.record(caller, resolved.tenant().id(), resolved.tool(), outcome, status, reason, denial, arrived,
                    startedNanos);
        }

        void record(McpCallAudit audit, String tenant, CallOutcome outcome, int status, String reason, String denial) {
            audit.record(caller, tenant, name, outcome, status, reason, denial, arrived, startedNanos);
        }
    }

    private Map<String, Object> initializeResult(String version) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("protocolVersion", version);
        result.put("capabilities", Map.of("tools", Map.of("listChanged", false)));
        result.put("serverInfo", Map.of("name", SERVER_NAME, "version", serverVersion));
        result.put("instructions", INSTRUCTIONS);
        return result;
    }
}
