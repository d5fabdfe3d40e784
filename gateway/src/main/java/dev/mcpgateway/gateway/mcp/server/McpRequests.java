package dev.mcpgateway.gateway.mcp.server;

import dev.mcpgateway.gateway.config.GatewayProperties;
import dev.mcpgateway.gateway.error.GatewayProblem;
import dev.mcpgateway.gateway.identity.CallerIdentity;
import dev.mcpgateway.gateway.identity.ProtectedResources;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.HandlerFilterFunction;
import org.springframework.web.reactive.function.server.HandlerFunction;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * What both MCP endpoints check before any MCP work, and how they read requests: Origin/Host (403), a verified caller
 * (401), a bounded JSON body, and the caller's own, unexpired session id (400 when missing, 404 when not valid, so
 * that clients start a new session, as the transport specifies).
 */
@Component
class McpRequests implements HandlerFilterFunction<ServerResponse, ServerResponse> {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final OriginGuard originGuard;
    private final McpSessionCodec sessions;
    private final int maxRequestBytes;
    private final Duration sessionTtl;
    private final Clock clock;
    private final ProtectedResources resources;

    McpRequests(OriginGuard originGuard, McpSessionCodec sessions, GatewayProperties properties, ProtectedResources resources) {
        this.resources = resources;
        this.originGuard = originGuard;
        this.sessions = sessions;
        this.maxRequestBytes = (int) Math.min(Integer.MAX_VALUE, properties.mcp().server().maxRequestSize().toBytes());
        this.sessionTtl = properties.mcp().server().sessionTtl();
        this.clock = Clock.systemUTC();
    }

    /** Origin/Host first (a browser attack never gets further), then identity: 401 before any MCP work. */
    @Override
    public Mono<ServerResponse> filter(ServerRequest request, HandlerFunction<ServerResponse> next) {
        String refusal = originGuard.refusal(request.exchange().getRequest());
        if (refusal != null) {
            return Mono.error(GatewayProblem.forbidden(null, refusal));
        }
        if (CallerIdentity.of(request.exchange()) == null) {
            // With OIDC on, the challenge names the RFC 9728 metadata, where an OAuth MCP client finds the IdP.
            request.exchange().getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE,
                    resources.challenge(request.exchange(), false));
            return Mono.error(GatewayProblem.unauthorized("MCP needs a verified caller: an access token from the "
                    + "organisation's IdP, a signed X-OpenWebUI-User-Jwt, or a client key with trusted X-OpenWebUI-User-* headers"));
        }
        return next.handle(request);
    }

    static CallerIdentity caller(ServerRequest request) {
        return CallerIdentity.of(request.exchange());
    }

    /** The request body as JSON; a {@link BadMessage} when it is too large or not JSON. */
    Mono<JsonNode> body(ServerRequest request) {
        return DataBufferUtils.join(request.exchange().getRequest().getBody(), maxRequestBytes)
                .map(buffer -> {
                    try (var input = buffer.asInputStream(true)) {
                        return JSON.readTree(input);
                    } catch (JacksonException | java.io.IOException e) {
                        throw new BadMessage(HttpStatus.BAD_REQUEST, JsonRpc.PARSE_ERROR, "Parse error: the body is not JSON");
                    }
                })
                .switchIfEmpty(Mono.error(() -> new BadMessage(HttpStatus.BAD_REQUEST, JsonRpc.PARSE_ERROR,
                        "Parse error: the body is empty")))
                .onErrorMap(DataBufferLimitException.class, e -> new BadMessage(HttpStatus.PAYLOAD_TOO_LARGE,
                        JsonRpc.INVALID_REQUEST, "Request too large"));
    }

    /** A new session id for {@code caller}. */
    String newSession(String email, String protocolVersion, String tenant, String backendSessionId) {
        return sessions.seal(new McpSession(email, protocolVersion, clock.instant().plus(sessionTtl), tenant,
                backendSessionId));
    }

    /**
     * The session the request names, checked against the caller and endpoint; a {@link BadMessage} (400 missing,
     * 404 unknown, expired or someone else's) otherwise. Also refuses an unsupported {@code MCP-Protocol-Version}.
     */
    McpSession session(ServerRequest request, String endpointTenant) {
        String id = request.headers().firstHeader(McpResponses.SESSION_HEADER);
        if (id == null || id.isBlank()) {
            throw new BadMessage(HttpStatus.BAD_REQUEST, JsonRpc.BAD_REQUEST,
                    "Bad Request: Mcp-Session-Id header is required");
        }
        Instant now = clock.instant();
        Optional<McpSession> session = sessions.open(id.strip())
                .filter(s -> !s.expiredAt(now))
                .filter(s -> s.belongsTo(caller(request).email(), endpointTenant));
        if (session.isEmpty()) {
            throw new BadMessage(HttpStatus.NOT_FOUND, JsonRpc.SESSION_NOT_FOUND, "Session not found");
        }
        String version = request.headers().firstHeader(McpResponses.PROTOCOL_VERSION_HEADER);
        if (version != null && !ProtocolVersions.isSupported(version.strip())) {
            throw new BadMessage(HttpStatus.BAD_REQUEST, JsonRpc.BAD_REQUEST,
                    "Bad Request: unsupported MCP-Protocol-Version " + ProtocolVersions.SUPPORTED);
        }
        return session.get();
    }

    /** A request refused at the transport level, answered as a JSON-RPC error with an HTTP status. */
    static final class BadMessage extends RuntimeException {

        final HttpStatus status;
        final int code;
        final Object data;

        BadMessage(HttpStatus status, int code, String message) {
            this(status, code, message, null);
        }

        /** With {@code data} for the JSON-RPC error (e.g. the supported versions of a {@code -32022}). */
        BadMessage(HttpStatus status, int code, String message, Object data) {
            super(message, null, false, false);
            this.status = status;
            this.code = code;
            this.data = data;
        }

        Mono<ServerResponse> response(ServerRequest request) {
            return response(request, null);
        }

        /** The refusal answering the request {@code id} (when it could be read). */
        Mono<ServerResponse> response(ServerRequest request, JsonNode id) {
            return McpResponses.message(request, status, JsonRpc.error(id, code, getMessage(), data), null);
        }
    }
}
