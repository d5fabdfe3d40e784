package dev.mcpgateway.gateway.mcp.server;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ReactiveHttpOutputMessage;
import org.springframework.web.reactive.function.BodyInserter;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes JSON-RPC messages the way a Streamable HTTP client accepts them: {@code application/json} when it accepts
 * JSON (the cheaper form), otherwise one {@code text/event-stream} event. Bodies are written as bytes, so no codec
 * re-wraps them.
 */
final class McpResponses {

    static final String SESSION_HEADER = "Mcp-Session-Id";
    static final String PROTOCOL_VERSION_HEADER = "MCP-Protocol-Version";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private McpResponses() {
    }

    /** {@code message} with {@code status}, and the session id header when {@code sessionId} is not {@code null}. */
    static Mono<ServerResponse> message(ServerRequest request, HttpStatus status, Object message, String sessionId) {
        byte[] json = JSON.writeValueAsBytes(message);
        ServerResponse.BodyBuilder response = ServerResponse.status(status);
        if (sessionId != null) {
            response.header(SESSION_HEADER, sessionId);
        }
        if (prefersEventStream(request.headers().accept())) {
            byte[] prefix = "event: message\ndata: ".getBytes(StandardCharsets.UTF_8);
            byte[] event = new byte[prefix.length + json.length + 2];
            System.arraycopy(prefix, 0, event, 0, prefix.length);
            System.arraycopy(json, 0, event, prefix.length, json.length);
            event[event.length - 2] = '\n';
            event[event.length - 1] = '\n';
            return response.contentType(MediaType.TEXT_EVENT_STREAM).header("Cache-Control", "no-cache")
                    .body(bytes(event));
        }
        return response.contentType(MediaType.APPLICATION_JSON).body(bytes(json));
    }

    /**
     * 405 with {@code Allow: POST}: GET and DELETE without a session id, which only a stateless (2026-07-28) client
     * sends, and for which that era has no meaning (its notifications come from {@code subscriptions/listen}).
     */
    static Mono<ServerResponse> postOnly() {
        byte[] json = JSON.writeValueAsBytes(JsonRpc.error(null, JsonRpc.BAD_REQUEST, "Method not allowed."));
        return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED).allow(org.springframework.http.HttpMethod.POST)
                .contentType(MediaType.APPLICATION_JSON).body(bytes(json));
    }

    /** 202 with no body: the answer to notifications and to the client's own responses. */
    static Mono<ServerResponse> accepted() {
        return ServerResponse.accepted().build();
    }

    /** True when the client accepts an event stream but not JSON. */
    static boolean prefersEventStream(List<MediaType> accept) {
        boolean json = accept.isEmpty();
        boolean events = false;
        for (MediaType type : accept) {
            if (type.isWildcardType() || MediaType.APPLICATION_JSON.isCompatibleWith(type)) {
                json = true;
            }
            if (MediaType.TEXT_EVENT_STREAM.includes(type)) {
                events = true;
            }
        }
        return events && !json;
    }

    /** True when the client accepts neither JSON nor an event stream (406). */
    static boolean acceptsNeither(List<MediaType> accept) {
        if (accept.isEmpty()) {
            return false;
        }
        for (MediaType type : accept) {
            if (type.isWildcardType() || MediaType.APPLICATION_JSON.isCompatibleWith(type)
                    || MediaType.TEXT_EVENT_STREAM.isCompatibleWith(type)) {
                return false;
            }
        }
        return true;
    }

    private static BodyInserter<Flux<DataBuffer>, ReactiveHttpOutputMessage> bytes(byte[] body) {
        return BodyInserters.fromDataBuffers(Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(body))));
    }
}
