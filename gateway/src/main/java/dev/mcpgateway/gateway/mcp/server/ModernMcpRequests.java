package dev.mcpgateway.gateway.mcp.server;

import dev.mcpgateway.gateway.config.GatewayProperties;
import dev.mcpgateway.gateway.identity.CallerIdentity;
import dev.mcpgateway.gateway.mcp.backend.ModernProtocol;
import dev.mcpgateway.gateway.mcp.server.McpRequests.BadMessage;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * Stateless (2026-07-28) requests to the gateway's MCP endpoints: each one stands alone, carries its revision in the
 * {@code _meta} envelope and is answered by any replica, with no session and no session key. The caller is the
 * request's verified identity, as for every other request. {@code server/discover}, {@code tools/list} (with the
 * cache hints {@code ttlMs} and {@code cacheScope: private}, as the list is the caller's own), {@code tools/call} and
 * {@code subscriptions/listen} for tool-list changes ({@link ToolListSubscriptions}); anything else goes to the
 * endpoint's fallback (the pass-through relays it to a stateless backend) or is {@code -32601}.
 */
@Component
class ModernMcpRequests {

    private static final String INSTRUCTIONS = "Tools the calling person may use. On /mcp each tool name starts with "
            + "its tenant (<tenant>__<tool>) and acts on that tenant only.";

    /** What the gateway answers itself; any other method goes to the caller's fallback. */
    private static final Set<String> OWN_METHODS = Set.of("server/discover", "tools/list", "tools/call");

    private final McpToolCalls calls;
    private final ToolListSubscriptions subscriptions;
    private final McpMethodMetrics metrics;
    private final long toolsListTtlMs;
    private final Map<String, Object> resultMeta;

    ModernMcpRequests(McpToolCalls calls, ToolListSubscriptions subscriptions, McpMethodMetrics metrics,
                      GatewayProperties properties) {
        this.calls = calls;
        this.subscriptions = subscriptions;
        this.metrics = metrics;
        this.toolsListTtlMs = properties.mcp().server().toolsListTtl().toMillis();
        String version = ModernMcpRequests.class.getPackage().getImplementationVersion();
        this.resultMeta = Map.of(ModernProtocol.SERVER_INFO_KEY,
                Map.of("name", ModernProtocol.GATEWAY_NAME, "version", version == null ? "dev" : version));
    }

    /** Answers one POST the {@link ProtocolEra} classifier called modern, with the tools of {@code scope}. */
    Mono<ServerResponse> answer(ServerRequest request, JsonNode message, ToolScope scope) {
        return answer(request, message, scope, other -> Mono.empty());
    }

    /**
     * Like {@link #answer(ServerRequest, JsonNode, ToolScope)}; requests for methods the gateway does not answer itself
     * (after their envelope and headers were checked) go to {@code otherMethods}, and are {@code -32601} when it
     * answers nothing.
     */
    Mono<ServerResponse> answer(ServerRequest request, JsonNode message, ToolScope scope,
                                Function<JsonNode, Mono<ServerResponse>> otherMethods) {
        JsonNode id = JsonRpc.isRequest(message) ? message.get("id") : null;
        if (id == null) {
            // A notification changes nothing here (no session, no subscriptions); a posted response answers nothing.
            return message.path("method").isString() ? McpResponses.accepted()
                    : new BadMessage(HttpStatus.BAD_REQUEST, JsonRpc.INVALID_REQUEST,
                    "Bad Request: the request body is not a valid JSON-RPC request").response(request);
        }
        try {
            ModernEnvelope envelope = ModernEnvelope.of(message.path("params"));
            McpStandardHeaders.check(request.headers().asHttpHeaders(), message, envelope);
        } catch (BadMessage bad) {
            return bad.response(request, id);
        }
        String method = message.get("method").asString();
        metrics.count(ProtocolEra.MODERN, method);
        CallerIdentity caller = McpRequests.caller(request);
        if ("subscriptions/listen".equals(method)) {
            return subscriptions.listen(request, message, scope, caller.email(), resultMeta);
        }
        if (!OWN_METHODS.contains(method)) {
            return otherMethods.apply(message).switchIfEmpty(Mono.defer(() -> McpResponses.message(request,
                    HttpStatus.OK, JsonRpc.error(id, JsonRpc.METHOD_NOT_FOUND, "Method not found: " + method
                            + (scope.tenantId() == null ? " (the gateway answers server/discover, tools/list, "
                            + "tools/call and subscriptions/listen in " + ModernProtocol.VERSION + ")"
                            : " (only tools cross between protocol eras, and this tenant's MCP server speaks the 2025 era)")),
                    null)));
        }
        Mono<Map<String, Object>> answer = switch (method) {
            case "server/discover" -> Mono.just(JsonRpc.result(id, complete(discovery(), true)));
            case "tools/list" -> scope.toolsJson(caller.email())
                    .map(tools -> JsonRpc.result(id, complete(Map.of("tools", tools), true)))
                    .onErrorResume(error -> Mono.just(JsonRpc.error(id, JsonRpc.BACKEND_UNAVAILABLE,
                            "the tool server of tenant '" + scope.tenantId() + "' cannot list its tools; try again shortly")));
            case "tools/call" -> calls.call(request.exchange(), caller, id, message.path("params"), scope)
                    .map(this::completeResult);
            default -> throw new IllegalStateException("not one of " + OWN_METHODS + ": " + method);
        };
        return answer.flatMap(response -> McpResponses.message(request, HttpStatus.OK, response, null));
    }

    private Map<String, Object> discovery() {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("supportedVersions", ProtocolVersions.ALL);
        // listChanged: subscriptions/listen delivers tool-list changes (the 2025 era has no such stream here).
        result.put("capabilities", Map.of("tools", Map.of("listChanged", true)));
        result.put("instructions", INSTRUCTIONS);
        return result;
    }

    /** A result of this era: {@code resultType}, the server's identity, and cache hints where the method has them. */
    private Map<String, Object> complete(Map<String, Object> result, boolean cacheable) {
        Map<String, Object> complete = new LinkedHashMap<>(result);
        complete.put("resultType", "complete");
        if (cacheable) {
            complete.put("ttlMs", toolsListTtlMs);
            // Each person's list is their own: a shared cache must never serve it to someone else.
            complete.put("cacheScope", "private");
        }
        complete.put("_meta", resultMeta);
        return complete;
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> completeResult(Map<String, Object> response) {
        if (!(response.get("result") instanceof Map<?, ?> result)) {
            return response;
        }
        Map<String, Object> copy = new LinkedHashMap<>(response);
        copy.put("result", complete((Map<String, Object>) result, false));
        return copy;
    }
}
