package dev.mcpgateway.gateway.mcp.server;

import dev.mcpgateway.gateway.mcp.server.McpRequests.BadMessage;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * {@code /mcp}: one MCP server over every tenant the caller belongs to, in both protocol eras. Each POST is
 * classified ({@link ProtocolEra}): stateless requests go to {@link ModernMcpRequests}, 2025-era ones (sessions that
 * any replica can continue) to {@link LegacyMcpRequests}, both with the caller's {@link CallerToolCatalog}. There is
 * no server-initiated stream: GET is 405.
 */
@Component
class AggregatedMcpHandler {

    private final McpRequests requests;
    private final CallerToolCatalog catalog;
    private final LegacyMcpRequests legacy;
    private final ModernMcpRequests modern;

    AggregatedMcpHandler(McpRequests requests, CallerToolCatalog catalog, LegacyMcpRequests legacy,
                         ModernMcpRequests modern) {
        this.requests = requests;
        this.catalog = catalog;
        this.legacy = legacy;
        this.modern = modern;
    }

    Mono<ServerResponse> post(ServerRequest request) {
        if (McpResponses.acceptsNeither(request.headers().accept())) {
            return new BadMessage(HttpStatus.NOT_ACCEPTABLE, JsonRpc.BAD_REQUEST,
                    "Not Acceptable: accept application/json and text/event-stream").response(request);
        }
        ToolScope scope = catalog.allTenants();
        return requests.body(request)
                .flatMap(body -> ProtocolEra.of(body, request.headers().asHttpHeaders()) == ProtocolEra.MODERN
                        ? modern.answer(request, body, scope)
                        : legacy.answer(request, body, scope))
                .onErrorResume(BadMessage.class, bad -> bad.response(request));
    }

    /** No server-initiated messages are offered, so there is no stream to open. */
    Mono<ServerResponse> get(ServerRequest request) {
        if (!hasSession(request)) {
            return McpResponses.postOnly();
        }
        return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED).allow(HttpMethod.POST, HttpMethod.DELETE).build();
    }

    /**
     * Ends the session for its client. The id holds no server state, so there is nothing to free; the client
     * drops it, and it expires after {@code session-ttl}. Without a session id (a stateless client), 405.
     */
    Mono<ServerResponse> delete(ServerRequest request) {
        if (!hasSession(request)) {
            return McpResponses.postOnly();
        }
        try {
            requests.session(request, null);
        } catch (BadMessage bad) {
            return bad.response(request);
        }
        return ServerResponse.noContent().build();
    }

    static boolean hasSession(ServerRequest request) {
        return request.headers().firstHeader(McpResponses.SESSION_HEADER) != null;
    }
}
