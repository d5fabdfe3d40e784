package dev.mcpgateway.gateway.mcp.backend;

import dev.mcpgateway.gateway.config.GatewayProperties;
import dev.mcpgateway.gateway.credential.BackendCredentials;
import dev.mcpgateway.gateway.error.GatewayProblem;
import dev.mcpgateway.gateway.limit.AnswerCap;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.codec.ServerSentEvent;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.Disposable;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.util.retry.Retry;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway's MCP client connection to one tenant's Streamable HTTP endpoint, in the era the backend speaks: a
 * {@code server/discover} probe on first use; a modern (2026-07-28) backend is then called statelessly, each request
 * carrying the {@code _meta} envelope and the {@code Mcp-Method}/{@code Mcp-Name} headers, and probed again after a
 * failure; any other backend gets a 2025-era session ({@code initialize}, {@code Mcp-Session-Id}, a fresh session and
 * one retry when it forgot ours, the GET SSE stream, DELETE on close). The tenant's credentials go on every request.
 */
final class StreamableHttpSession {

    /** Revisions this client can speak; the backend picks one in its {@code initialize} result. */
    static final Set<String> SUPPORTED_VERSIONS = Set.of("2024-11-05", "2025-03-26", "2025-06-18", "2025-11-25");

    private static final Logger log = LoggerFactory.getLogger(StreamableHttpSession.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ParameterizedTypeReference<ServerSentEvent<String>> SSE =
            new ParameterizedTypeReference<>() {
            };
    private static final List<MediaType> POST_ACCEPT = List.of(MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM);
    private static final String SESSION_HEADER = "Mcp-Session-Id";
    private static final String VERSION_HEADER = "MCP-Protocol-Version";
    private static final String CLIENT_VERSION = "1";

    private final String tenantId;
    private final URI endpoint;
    private final WebClient http;
    private final BackendCredentials credentials;
    private final GatewayProperties.Mcp.Backend settings;
    private final Runnable onToolsChanged;
    private final Supplier<AnswerCap> answerCap;
    private final AtomicLong ids = new AtomicLong();
    private final AtomicLong generations = new AtomicLong();
    private final AtomicReference<Attempt> current = new AtomicReference<>();
    private volatile boolean closed;

    StreamableHttpSession(String tenantId, URI endpoint, WebClient http, BackendCredentials credentials,
                          GatewayProperties.Mcp.Backend settings, Runnable onToolsChanged,
                          Supplier<AnswerCap> answerCap) {
        this.tenantId = tenantId;
        this.endpoint = endpoint;
        this.http = http;
        this.credentials = credentials;
        this.settings = settings;
        this.onToolsChanged = onToolsChanged;
        this.answerCap = answerCap;
    }

    URI endpoint() {
        return endpoint;
    }

    /**
     * Sends one JSON-RPC request and returns its {@code result}. A backend JSON-RPC error is a
     * {@link BackendRpcException}; an unreachable or misbehaving backend a {@link GatewayProblem} (502/503/504).
     */
    Mono<Map<String, Object>> request(String method, Map<String, Object> params, Duration timeout) {
        return request(method, params, HttpHeaders.EMPTY, timeout);
    }

    /** Like {@link #request(String, Map, Duration)}, with {@code paramHeaders} ({@code Mcp-Param-*}) for a modern backend. */
    Mono<Map<String, Object>> request(String method, Map<String, Object> params, HttpHeaders paramHeaders,
                                      Duration timeout) {
        return handshake()
                .flatMap(session -> send(session, method, params, paramHeaders)
                        .onErrorResume(SessionExpired.class, expired -> {
                            log.info("Tenant '{}': MCP backend forgot session (or changed era), connecting again",
                                    tenantId);
                            forget(session);
                            return handshake().flatMap(fresh -> send(fresh, method, params, paramHeaders));
                        })
                        .doOnError(error -> {
                            // A modern backend has no session to lose: after a failure, learn its era again.
                            if (session.modern() && !(error instanceof BackendRpcException)) {
                                forget(session);
                            }
                        }))
                .timeout(timeout, Mono.error(() -> GatewayProblem.unavailable(tenantId,
                        "the tenant's MCP backend did not answer " + method + " within " + timeout.toSeconds() + " s")));
    }

    /** True when the backend speaks the stateless era (learnt on first use). */
    Mono<Boolean> modern() {
        return handshake().map(Session::modern);
    }

    /** Ends the session: stops listening and tells the backend (DELETE), best effort. */
    Mono<Void> close() {
        closed = true;
        Attempt attempt = current.getAndSet(null);
        if (attempt == null) {
            return Mono.empty();
        }
        return attempt.handshake()
                .flatMap(session -> {
                    session.stopListening();
                    if (session.id() == null) {
                        return Mono.empty();
                    }
                    return withCredentials(headers -> http.delete().uri(endpoint)
                            .headers(h -> sessionHeaders(h, headers, session))
                            .retrieve().toBodilessEntity().then());
                })
                .timeout(settings.requestTimeout())
                .onErrorResume(e -> Mono.empty());
    }

    private Mono<Session> handshake() {
        if (closed) {
            return Mono.error(GatewayProblem.unavailable(tenantId, "the tenant's MCP backend session was closed"));
        }
        Attempt attempt = current.get();
        if (attempt != null) {
            return attempt.handshake();
        }
        long generation = generations.incrementAndGet();
        Mono<Session> fresh = connect(generation)
                .cache(ok -> Duration.ofMillis(Long.MAX_VALUE), failed -> Duration.ZERO, () -> Duration.ZERO);
        current.compareAndSet(null, new Attempt(generation, fresh));
        Attempt winner = current.get();
        if (winner == null) {
            return fresh;
        }
        // A failed initialize is not kept: the next request starts a new one.
        return winner.handshake().doOnError(e -> current.compareAndSet(winner, null));
    }

    private void forget(Session session) {
        session.stopListening();
        Attempt attempt = current.get();
        if (attempt != null && attempt.generation() == session.generation()) {
            current.compareAndSet(attempt, null);
        }
    }

    /** The era probe first; a backend that does not answer it as a modern server gets {@code initialize}. */
    private Mono<Session> connect(long generation) {
        return discover(generation)
                .switchIfEmpty(Mono.defer(() -> initialize(generation)))
                .onErrorMap(SessionExpired.class, e -> GatewayProblem.badGateway(tenantId,
                        "the tenant's MCP backend speaks no protocol revision the gateway knows"))
                .doOnNext(session -> {
                    if (settings.listenForChanges() && session.listChanged()) {
                        session.listening(session.modern() ? subscribe(session) : listen(session));
                    }
                });
    }

    /**
     * {@code server/discover}: a modern session when the backend lists a stateless revision, empty for any other
     * answer (a 2025-era server refuses the unknown method or the missing session). Only "unreachable" fails.
     */
    private Mono<Session> discover(long generation) {
        Map<String, Object> params = Map.of("_meta", ModernProtocol.gatewayEnvelope(CLIENT_VERSION));
        long id = ids.incrementAndGet();
        String body = JSON.writeValueAsString(message(id, "server/discover", params));
        Session probe = new Session(generation, null, ModernProtocol.VERSION, false, true);
        return post(probe, body, id, standardHeaders("server/discover", null))
                .filter(reply -> offersModern(reply.message()))
                .map(reply -> new Session(generation, null, ModernProtocol.VERSION,
                        listChangedOffered((Map<?, ?>) reply.message().get("result")), true))
                .doOnNext(session -> log.info("Tenant '{}': MCP backend speaks {} (stateless)", tenantId,
                        ModernProtocol.VERSION))
                .onErrorResume(error -> !(error instanceof GatewayProblem problem)
                        || problem.status() != HttpStatus.SERVICE_UNAVAILABLE, error -> Mono.empty());
    }

    private static boolean offersModern(Map<String, Object> message) {
        return message.get("result") instanceof Map<?, ?> result
                && result.get("supportedVersions") instanceof List<?> versions
                && versions.stream().anyMatch(v -> v instanceof String s && ModernProtocol.isModern(s));
    }

    private Mono<Session> initialize(long generation) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("protocolVersion", settings.protocolVersion());
        params.put("capabilities", Map.of());
        params.put("clientInfo", Map.of("name", ModernProtocol.GATEWAY_NAME, "version", CLIENT_VERSION));
        long id = ids.incrementAndGet();
        String body = JSON.writeValueAsString(message(id, "initialize", params));
        Session unnamed = new Session(generation, null, null, false, false);
        return post(unnamed, body, id, HttpHeaders.EMPTY)
                .flatMap(reply -> {
                    Map<String, Object> result = result(reply.message(), "initialize");
                    Object version = result.get("protocolVersion");
                    if (!(version instanceof String v) || !SUPPORTED_VERSIONS.contains(v)) {
                        return Mono.error(GatewayProblem.badGateway(tenantId,
                                "the tenant's MCP backend speaks an unsupported protocol version (" + version + ")"));
                    }
                    Session session = new Session(generation, reply.sessionId(), v, listChangedOffered(result), false);
                    String initialized = JSON.writeValueAsString(notification("notifications/initialized"));
                    return post(session, initialized, null, HttpHeaders.EMPTY).thenReturn(session);
                })
                .doOnNext(session -> log.info("Tenant '{}': MCP session initialized (protocol {}, {})", tenantId,
                        session.protocolVersion(), session.id() == null ? "stateless" : "with session id"));
    }

    private Mono<Map<String, Object>> send(Session session, String method, Map<String, Object> params,
                                           HttpHeaders paramHeaders) {
        long id = ids.incrementAndGet();
        if (!session.modern()) {
            String body = JSON.writeValueAsString(message(id, method, params));
            return post(session, body, id, HttpHeaders.EMPTY).map(reply -> result(reply.message(), method));
        }
        Map<String, Object> enveloped = params == null ? new LinkedHashMap<>() : new LinkedHashMap<>(params);
        enveloped.put("_meta", ModernProtocol.gatewayEnvelope(CLIENT_VERSION));
        String name = "tools/call".equals(method) && enveloped.get("name") instanceof String s ? s : null;
        String body = JSON.writeValueAsString(message(id, method, enveloped));
        HttpHeaders headers = standardHeaders(method, name);
        paramHeaders.forEach(headers::put);
        return post(session, body, id, headers).map(reply -> completeResult(reply.message(), method));
    }

    /** A modern result; {@code input_required} asks the gateway for client input it has no way to give. */
    private Map<String, Object> completeResult(Map<String, Object> message, String method) {
        Map<String, Object> result = result(message, method);
        if ("input_required".equals(result.get("resultType"))) {
            throw new BackendRpcException(tenantId, ModernProtocol.NOT_ACROSS_ERAS, "the tool asked for input from "
                    + "the client (input_required: elicitation, sampling or roots), which the gateway cannot relay");
        }
        return result;
    }

    /** {@code Mcp-Method}, and {@code Mcp-Name} for a named call: what a modern server checks against the body. */
    private static HttpHeaders standardHeaders(String method, String name) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(ModernProtocol.METHOD_HEADER, method);
        if (name != null) {
            headers.set(ModernProtocol.NAME_HEADER, name);
        }
        return headers;
    }

    /** POSTs one message; for a request ({@code id} set), waits for its response in the JSON body or SSE stream. */
    private Mono<Reply> post(Session session, String body, Long id, HttpHeaders standard) {
        return withCredentials(headers -> http.post().uri(endpoint)
                .headers(h -> {
                    sessionHeaders(h, headers, session);
                    standard.forEach(h::put);
                    h.setContentType(MediaType.APPLICATION_JSON);
                    h.setAccept(POST_ACCEPT);
                })
                .bodyValue(body)
                .exchangeToMono(response -> reply(session, capped(response), id)))
                .onErrorMap(WebClientRequestException.class, e -> GatewayProblem.unavailable(tenantId,
                        "the tenant's MCP backend is unreachable"));
    }

    private Mono<Reply> reply(Session session, ClientResponse response, Long id) {
        String sessionId = response.headers().asHttpHeaders().getFirst(SESSION_HEADER);
        String replySession = sessionId != null ? sessionId : session.id();
        int status = response.statusCode().value();
        if (status == HttpStatus.NOT_FOUND.value() && session.id() != null) {
            return response.releaseBody().then(Mono.error(new SessionExpired()));
        }
        if (status == HttpStatus.BAD_REQUEST.value()) {
            // Servers built on the TypeScript SDK's examples (server-everything among them) answer an unknown
            // session id with 400 "No valid session ID provided" instead of 404; -32022 means the backend no
            // longer speaks our era (e.g. replaced by a modern-only one). Both: connect again, retry once.
            return response.bodyToMono(String.class).defaultIfEmpty("").flatMap(text -> Mono.error(
                    (session.id() != null && text.toLowerCase(Locale.ROOT).contains("session"))
                            || text.contains(String.valueOf(ModernProtocol.UNSUPPORTED_PROTOCOL_VERSION))
                            ? new SessionExpired()
                            : GatewayProblem.badGateway(tenantId, "the tenant's MCP backend answered HTTP 400")));
        }
        if (!response.statusCode().is2xxSuccessful()) {
            return response.releaseBody().then(Mono.error(GatewayProblem.badGateway(tenantId,
                    "the tenant's MCP backend answered HTTP " + status)));
        }
        if (id == null) {
            return response.releaseBody().thenReturn(new Reply(replySession, null));
        }
        MediaType type = response.headers().contentType().orElse(MediaType.APPLICATION_JSON);
        Mono<Map<String, Object>> message;
        if (MediaType.TEXT_EVENT_STREAM.isCompatibleWith(type)) {
            message = response.bodyToFlux(SSE)
                    .mapNotNull(event -> parse(event.data()))
                    .filter(m -> {
                        if (isResponseTo(m, id)) {
                            return true;
                        }
                        onServerMessage(session, m);
                        return false;
                    })
                    .next();
        } else {
            message = response.bodyToMono(String.class).mapNotNull(this::parse);
        }
        return message
                .switchIfEmpty(Mono.error(() -> GatewayProblem.badGateway(tenantId,
                        "the tenant's MCP backend sent no response")))
                .map(m -> new Reply(replySession, m));
    }

    /**
     * {@code subscriptions/listen} to a stateless backend: a POST answered by an SSE stream that acknowledges, then
     * carries {@code notifications/tools/list_changed}; reopened when it ends. A backend that answers anything but a
     * stream (e.g. {@code -32601}) has no subscriptions, and only the TTL applies.
     */
    private Disposable subscribe(Session session) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("notifications", Map.of("toolsListChanged", true));
        params.put("_meta", ModernProtocol.gatewayEnvelope(CLIENT_VERSION));
        String body = JSON.writeValueAsString(message(ids.incrementAndGet(), "subscriptions/listen", params));
        return withCredentials(headers -> Mono.just(headers))
                .flatMapMany(headers -> http.post().uri(endpoint)
                        .headers(h -> {
                            sessionHeaders(h, headers, session);
                            standardHeaders("subscriptions/listen", null).forEach(h::put);
                            h.setContentType(MediaType.APPLICATION_JSON);
                            h.setAccept(POST_ACCEPT);
                        })
                        .bodyValue(body)
                        .exchangeToFlux(response -> {
                            boolean events = response.headers().contentType()
                                    .filter(MediaType.TEXT_EVENT_STREAM::isCompatibleWith).isPresent();
                            if (!response.statusCode().is2xxSuccessful() || !events) {
                                log.debug("Tenant '{}': MCP backend offers no subscriptions (HTTP {})", tenantId,
                                        response.statusCode().value());
                                session.streamUnsupported();
                                return response.releaseBody().thenMany(Flux.empty());
                            }
                            session.streamOpened();
                            return capped(response).bodyToFlux(SSE);
                        }))
                .transform(stream -> reopenedWhileListening(stream, session, error -> true))
                .subscribe(event -> {
                    Map<String, Object> message = parse(event.data());
                    if (message != null && "notifications/tools/list_changed".equals(message.get("method"))) {
                        log.info("Tenant '{}': MCP backend reports changed tools", tenantId);
                        onToolsChanged.run();
                    }
                }, error -> {
                    if (session.keepsListening()) {
                        log.warn("Tenant '{}': MCP subscription stopped: {}", tenantId, error.toString());
                    }
                });
    }

    /**
     * A notification stream opened again after a delay when it ends, and with backoff (up to a minute) when it fails
     * with a {@code retryable} error, for as long as the session keeps listening.
     */
    private <T> Flux<T> reopenedWhileListening(Flux<T> stream, Session session, Predicate<Throwable> retryable) {
        return stream
                .repeatWhen(ends -> ends.takeWhile(ignored -> session.keepsListening())
                        .delayElements(settings.reconnectDelay()))
                .retryWhen(Retry.backoff(Long.MAX_VALUE, settings.reconnectDelay())
                        .maxBackoff(Duration.ofMinutes(1))
                        .filter(error -> retryable.test(error) && session.keepsListening()));
    }

    /** The GET SSE stream on which the backend sends notifications outside any request; reopened when it ends. */
    private Disposable listen(Session session) {
        return withCredentials(headers -> Mono.just(headers))
                .flatMapMany(headers -> http.get().uri(endpoint)
                        .headers(h -> {
                            sessionHeaders(h, headers, session);
                            h.setAccept(List.of(MediaType.TEXT_EVENT_STREAM));
                        })
                        .exchangeToFlux(response -> {
                            int status = response.statusCode().value();
                            if (status == HttpStatus.NOT_FOUND.value() && session.streamWasOpen()) {
                                // It served this session's stream before: the session is gone (e.g. a restart).
                                return response.releaseBody().thenMany(Flux.error(new SessionExpired()));
                            }
                            if (status == HttpStatus.METHOD_NOT_ALLOWED.value()
                                    || status == HttpStatus.NOT_FOUND.value()
                                    || status == HttpStatus.BAD_REQUEST.value()) {
                                // 405 is the spec's "no stream"; some servers say 404 or 400. Never retry those,
                                // or a server without GET would be asked again and again.
                                log.debug("Tenant '{}': MCP backend offers no notification stream (HTTP {})",
                                        tenantId, status);
                                session.streamUnsupported();
                                return response.releaseBody().thenMany(Flux.empty());
                            }
                            if (!response.statusCode().is2xxSuccessful()) {
                                return response.releaseBody().thenMany(Flux.error(new IllegalStateException(
                                        "notification stream answered HTTP " + status)));
                            }
                            session.streamOpened();
                            return capped(response).bodyToFlux(SSE);
                        }))
                .transform(stream -> reopenedWhileListening(stream, session,
                        error -> !(error instanceof SessionExpired)))
                .subscribe(event -> {
                    Map<String, Object> message = parse(event.data());
                    if (message != null) {
                        onServerMessage(session, message);
                    }
                }, error -> {
                    if (error instanceof SessionExpired) {
                        log.info("Tenant '{}': MCP backend forgot session; the next request initializes a new one",
                                tenantId);
                        forget(session);
                        onToolsChanged.run();
                    } else if (session.keepsListening()) {
                        log.warn("Tenant '{}': MCP notification stream stopped: {}", tenantId, error.toString());
                    }
                });
    }

    private void onServerMessage(Session session, Map<String, Object> message) {
        Object method = message.get("method");
        if ("notifications/tools/list_changed".equals(method)) {
            log.info("Tenant '{}': MCP backend reports changed tools", tenantId);
            onToolsChanged.run();
        } else if (method != null && message.containsKey("id")) {
            answerRequest(session, message.get("id"), method);
        } else {
            log.debug("Tenant '{}': ignoring MCP message {}", tenantId, method);
        }
    }

    /**
     * Answers a request the backend sends us: {@code ping} with an empty result; anything else (sampling,
     * elicitation, roots) with "method not found", as the gateway offers no client capabilities. Unanswered, the
     * backend would wait for a reply until it times out.
     */
    private void answerRequest(Session session, Object id, Object method) {
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("jsonrpc", "2.0");
        answer.put("id", id);
        if ("ping".equals(method)) {
            answer.put("result", Map.of());
        } else {
            answer.put("error", Map.of("code", -32601, "message", "the gateway does not support " + method));
        }
        post(session, JSON.writeValueAsString(answer), null, HttpHeaders.EMPTY)
                .timeout(settings.requestTimeout())
                .subscribe(ok -> { }, e -> log.debug("Tenant '{}': could not answer {}: {}", tenantId, method, e.toString()));
    }

    /**
     * The response with its body held to the tenant's answer cap: more bytes than the cap, or an announced length
     * above it, fail with the cap's 502 problem and close the connection, before the codecs hold any of it.
     */
    private ClientResponse capped(ClientResponse response) {
        AnswerCap cap = answerCap.get();
        if (cap.unlimited()) {
            return response;
        }
        long length = response.headers().contentLength().orElse(-1);
        return response.mutate().body(body -> cap.limit(body, length)).build();
    }

    private <T> Mono<T> withCredentials(Function<HttpHeaders, Mono<T>> use) {
        return credentials.headersFor(tenantId).defaultIfEmpty(HttpHeaders.EMPTY).flatMap(use);
    }

    /** Credential headers first, protocol headers last, so a credential can never replace a protocol header. */
    private static void sessionHeaders(HttpHeaders target, HttpHeaders credentialHeaders, Session session) {
        credentialHeaders.forEach((name, values) -> target.put(name, values));
        if (session.id() != null) {
            target.set(SESSION_HEADER, session.id());
        }
        if (session.sendsVersionHeader()) {
            target.set(VERSION_HEADER, session.protocolVersion());
        }
    }

    private Map<String, Object> result(Map<String, Object> message, String method) {
        if (message.get("error") instanceof Map<?, ?> error) {
            int code = error.get("code") instanceof Number n ? n.intValue() : -32603;
            String text = error.get("message") instanceof String s ? s : "error";
            throw new BackendRpcException(tenantId, code, text);
        }
        if (message.get("result") instanceof Map<?, ?> result) {
            @SuppressWarnings("unchecked")
            Map<String, Object> typed = (Map<String, Object>) result;
            return typed;
        }
        throw GatewayProblem.badGateway(tenantId, "the tenant's MCP backend answered " + method + " without a result");
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> parse(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            Object value = JSON.readValue(json, Object.class);
            return value instanceof Map<?, ?> map ? (Map<String, Object>) map : null;
        } catch (JacksonException e) {
            throw GatewayProblem.badGateway(tenantId, "the tenant's MCP backend sent malformed JSON");
        }
    }

    private static boolean isResponseTo(Map<String, Object> message, long id) {
        return message.get("id") instanceof Number n && n.longValue() == id && !message.containsKey("method");
    }

    private static boolean listChangedOffered(Map<?, ?> initializeResult) {
        return initializeResult.get("capabilities") instanceof Map<?, ?> capabilities
                && capabilities.get("tools") instanceof Map<?, ?> tools
                && Boolean.TRUE.equals(tools.get("listChanged"));
    }

    private static Map<String, Object> message(long id, String method, Map<String, Object> params) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("jsonrpc", "2.0");
        message.put("id", id);
        message.put("method", method);
        if (params != null) {
            message.put("params", params);
        }
        return message;
    }

    private static Map<String, Object> notification(String method) {
        return Map.of("jsonrpc", "2.0", "method", method);
    }

    /** One established session: what later requests must send, and the notification stream listening on it. */
    private final class Session {

        private final long generation;
        private final String id;
        private final String protocolVersion;
        private final boolean listChanged;
        private final boolean modern;
        private volatile Disposable listening;
        private volatile boolean listeningStopped;
        private volatile boolean streamUnsupported;
        private volatile boolean streamWasOpen;

        Session(long generation, String id, String protocolVersion, boolean listChanged, boolean modern) {
            this.generation = generation;
            this.id = id;
            this.protocolVersion = protocolVersion;
            this.listChanged = listChanged;
            this.modern = modern;
        }

        /** Stateless era: no session id, the envelope on every request. */
        boolean modern() {
            return modern;
        }

        long generation() {
            return generation;
        }

        String id() {
            return id;
        }

        String protocolVersion() {
            return protocolVersion;
        }

        boolean listChanged() {
            return listChanged;
        }

        /** The header exists from 2025-06-18 on; older servers are not sent what they do not know. */
        boolean sendsVersionHeader() {
            return protocolVersion != null && protocolVersion.compareTo("2025-06-18") >= 0;
        }

        void listening(Disposable subscription) {
            this.listening = subscription;
            if (listeningStopped) {
                subscription.dispose();
            }
        }

        void streamUnsupported() {
            streamUnsupported = true;
        }

        void streamOpened() {
            streamWasOpen = true;
        }

        boolean streamWasOpen() {
            return streamWasOpen;
        }

        boolean keepsListening() {
            return !listeningStopped && !streamUnsupported && !closed;
        }

        void stopListening() {
            listeningStopped = true;
            Disposable subscription = listening;
            if (subscription != null) {
                subscription.dispose();
            }
        }
    }

    private record Attempt(long generation, Mono<Session> handshake) {
    }

    private record Reply(String sessionId, Map<String, Object> message) {
    }

    /** The backend answered 404 to a request carrying our session id: the session is gone, initialize again. */
    private static final class SessionExpired extends RuntimeException {
        SessionExpired() {
            super("MCP session expired", null, false, false);
        }
    }
}
