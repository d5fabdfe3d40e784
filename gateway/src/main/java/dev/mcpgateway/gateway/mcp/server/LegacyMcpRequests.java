package dev.mcpgateway.gateway.mcp.server;

import dev.mcpgateway.gateway.identity.CallerIdentity;
import dev.mcpgateway.gateway.mcp.backend.ModernProtocol;
import dev.mcpgateway.gateway.mcp.server.McpRequests.BadMessage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * 2025-era requests the gateway answers itself, over a {@link ToolScope}: {@code initialize} at once (no backend is
 * contacted) with a self-contained session id ({@link McpSessionCodec}, so any replica serves the session), then
 * {@code ping}, {@code tools/list} and {@code tools/call} inside it, and JSON-RPC batches. Serves {@code /mcp}, and
 * {@code /tools/<tenant>/mcp} when the tenant's backend speaks only the stateless era.
 */
@Component
class LegacyMcpRequests {

    private static final Logger log = LoggerFactory.getLogger(LegacyMcpRequests.class);
    private static final String INSTRUCTIONS = "Tools of every tenant you belong to. Each tool name starts with its "
            + "tenant (<tenant>__<tool>) and acts on that tenant only.";

    private final McpRequests requests;
    private final McpToolCalls calls;
    private final McpMethodMetrics metrics;
    private final String serverVersion;

    LegacyMcpRequests(McpRequests requests, McpToolCalls calls, McpMethodMetrics metrics) {
        this.requests = requests;
        this.calls = calls;
        this.metrics = metrics;
        String version = LegacyMcpRequests.class.getPackage().getImplementationVersion();
        this.serverVersion = version == null ? "dev" : version;
    }

    /** Answers one POST body (a message or a batch) of a 2025-era client. */
    Mono<ServerResponse> answer(ServerRequest request, JsonNode body, ToolScope scope) {
        return body.isArray() ? batch(request, body, scope) : single(request, body, scope);
    }

    private Mono<ServerResponse> single(ServerRequest request, JsonNode message, ToolScope scope) {
        CallerIdentity caller = McpRequests.caller(request);
        if (JsonRpc.isRequest(message) && "initialize".equals(message.get("method").asString())) {
            metrics.count(ProtocolEra.LEGACY, "initialize");
            String version = ProtocolVersions.negotiate(message.path("params").path("protocolVersion").asString(null));
            String sessionId = requests.newSession(caller.email(), version, scope.tenantId(), null);
            log.debug("MCP session opened for {} ({})", caller.email(), version);
            return McpResponses.message(request, HttpStatus.OK,
                    JsonRpc.result(message.get("id"), initializeResult(version, scope)), sessionId);
        }
        McpSession session = requests.session(request, scope.tenantId());
        if (JsonRpc.isNotificationOrResponse(message)) {
            return McpResponses.accepted();
        }
        if (!JsonRpc.isRequest(message)) {
            throw new BadMessage(HttpStatus.BAD_REQUEST, JsonRpc.INVALID_REQUEST, "Invalid Request");
        }
        return dispatch(request, caller, session, message, scope)
                .flatMap(response -> McpResponses.message(request, HttpStatus.OK, response, null));
    }

    /** JSON-RPC batches (2025-03-26): every request answered in one array; never an {@code initialize}. */
    private Mono<ServerResponse> batch(ServerRequest request, JsonNode messages, ToolScope scope) {
        CallerIdentity caller = McpRequests.caller(request);
        McpSession session = requests.session(request, scope.tenantId());
        List<JsonNode> requestsInBatch = new ArrayList<>();
        messages.forEach(message -> {
            if (JsonRpc.isRequest(message)) {
                requestsInBatch.add(message);
            }
        });
        if (requestsInBatch.isEmpty()) {
            return McpResponses.accepted();
        }
        return Flux.fromIterable(requestsInBatch)
                .flatMapSequential(message -> "initialize".equals(message.get("method").asString())
                        ? Mono.just(JsonRpc.error(message.get("id"), JsonRpc.INVALID_REQUEST,
                        "initialize cannot be part of a batch"))
                        : dispatch(request, caller, session, message, scope))
                .collectList()
                .flatMap(responses -> McpResponses.message(request, HttpStatus.OK, responses, null));
    }

    private Mono<Map<String, Object>> dispatch(ServerRequest request, CallerIdentity caller, McpSession session,
                                               JsonNode message, ToolScope scope) {
        JsonNode id = message.get("id");
        String method = message.get("method").asString();
        metrics.count(ProtocolEra.LEGACY, method);
        return switch (method) {
            case "ping" -> Mono.just(JsonRpc.result(id, Map.of()));
            case "tools/list" -> scope.toolsJson(caller.email())
                    .map(tools -> JsonRpc.result(id, Map.of("tools", tools)))
                    .onErrorResume(error -> Mono.just(JsonRpc.error(id, JsonRpc.BACKEND_UNAVAILABLE,
                            "the tool server of tenant '" + scope.tenantId() + "' cannot list its tools; try again shortly")));
            case "tools/call" -> calls.call(request.exchange(), caller, id, message.path("params"), scope);
            default -> Mono.just(JsonRpc.error(id, JsonRpc.METHOD_NOT_FOUND, "Method not found: " + method
                    + (scope.tenantId() == null ? "" : " (this tenant's MCP server speaks only "
                    + ModernProtocol.VERSION + "; the gateway carries its tools across to " + session.protocolVersion() + ")")));
        };
    }

    private Map<String, Object> initializeResult(String version, ToolScope scope) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("protocolVersion", version);
        result.put("capabilities", Map.of("tools", Map.of("listChanged", false)));
        result.put("serverInfo", Map.of("name", ModernProtocol.GATEWAY_NAME, "version", serverVersion));
        if (scope.tenantId() == null) {
            result.put("instructions", INSTRUCTIONS);
        }
        return result;
    }
}
