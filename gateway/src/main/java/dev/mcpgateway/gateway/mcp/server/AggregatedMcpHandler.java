package dev.mcpgateway.gateway.mcp.server;

import dev.mcpgateway.gateway.error.GatewayProblem;
import dev.mcpgateway.gateway.identity.CallerIdentity;
import dev.mcpgateway.gateway.mcp.backend.BackendRpcException;
import dev.mcpgateway.gateway.mcp.server.CallerToolCatalog.ResolvedTool;
import dev.mcpgateway.gateway.mcp.server.McpRequests.BadMessage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
    private final MeterRegistry meters;
    private final String serverVersion;

    AggregatedMcpHandler(McpRequests requests, CallerToolCatalog catalog, MeterRegistry meters) {
        this.requests = requests;
        this.catalog = catalog;
        this.meters = meters;
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
            case "tools/list" -> catalog.toolsOf(caller.email())
                    .map(tools -> JsonRpc.result(id, Map.of("tools",
                            tools.stream().map(CallerToolCatalog.CallerTool::asJson).toList())));
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
        long started = System.nanoTime();
        return catalog.resolve(caller.email(), name)
                .flatMap(resolved -> resolved.decision().allowed()
                        ? forward(resolved, args, id, started)
                        : Mono.just(forbidden(resolved, id)))
                .switchIfEmpty(Mono.fromSupplier(() -> {
                    record("unknown", "unknown", started);
                    return JsonRpc.error(id, JsonRpc.INVALID_PARAMS, "Unknown tool: " + name);
                }))
                .onErrorResume(error -> Mono.just(JsonRpc.error(id, JsonRpc.BACKEND_UNAVAILABLE,
                        "the tool server of tenant '" + name.substring(0, Math.max(0, name.indexOf("__")))
                                + "' cannot be reached; try again shortly")));
    }

    private Mono<Map<String, Object>> forward(ResolvedTool resolved, Map<String, Object> args, JsonNode id,
                                              long started) {
        String tenant = resolved.tenant().id();
        log.debug("MCP call {}__{} allowed: {}", tenant, resolved.tool(), resolved.decision().explanation());
        return catalog.sourceFor(resolved.tenant()).call(resolved.tenant(), resolved.tool(), args)
                .map(result -> {
                    record(tenant, result.isError() ? "tool_error" : "ok", started);
                    return JsonRpc.result(id, result.asJson());
                })
                .onErrorResume(BackendRpcException.class, error -> {
                    record(tenant, "rpc_error", started);
                    return Mono.just(JsonRpc.error(id, error.code(), error.getMessage()));
                })
                .onErrorResume(GatewayProblem.class, problem -> {
                    record(tenant, "unavailable", started);
                    return Mono.just(JsonRpc.error(id, JsonRpc.BACKEND_UNAVAILABLE, problem.problem().getDetail()));
                });
    }

    private Map<String, Object> forbidden(ResolvedTool resolved, JsonNode id) {
        record(resolved.tenant().id(), "forbidden", System.nanoTime());
        log.debug("MCP call {}__{} refused: {}", resolved.tenant().id(), resolved.tool(),
                resolved.decision().explanation());
        return JsonRpc.error(id, JsonRpc.FORBIDDEN, "Forbidden: tool '" + resolved.tool() + "' of tenant '"
                + resolved.tenant().id() + "': " + resolved.decision().explanation());
    }

    private void record(String tenant, String outcome, long started) {
        Timer.builder("mcpgateway.mcp.server.calls")
                .description("tools/call on /mcp by tenant and outcome")
                .tag("tenant", tenant)
                .tag("outcome", outcome)
                .register(meters)
                .record(System.nanoTime() - started, java.util.concurrent.TimeUnit.NANOSECONDS);
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
