package dev.mcpgateway.gateway.mcp.server;

import dev.mcpgateway.gateway.config.GatewayProperties;
import dev.mcpgateway.gateway.credential.BackendCredentials;
import dev.mcpgateway.gateway.directory.BackendType;
import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.gateway.directory.TenantDirectory;
import dev.mcpgateway.gateway.error.GatewayProblem;
import dev.mcpgateway.gateway.identity.CallerIdentity;
import dev.mcpgateway.gateway.limit.AnswerCap;
import dev.mcpgateway.gateway.limit.AnswerSizeLimit;
import dev.mcpgateway.gateway.limit.LimitRefusal;
import dev.mcpgateway.gateway.limit.ToolCallLimits;
import dev.mcpgateway.gateway.limit.ToolCallPermit;
import dev.mcpgateway.gateway.mcp.backend.BackendTool;
import dev.mcpgateway.gateway.mcp.backend.McpBackends;
import dev.mcpgateway.gateway.mcp.backend.ModernProtocol;
import dev.mcpgateway.gateway.mcp.server.McpRequests.BadMessage;
import dev.mcpgateway.gateway.membership.TenantCall;
import dev.mcpgateway.policy.AccessDecision;
import dev.mcpgateway.policy.AccessLevel;
import dev.mcpgateway.policy.TenantPolicy;
import io.netty.channel.ChannelOption;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code /tools/<tenant>/mcp}: an {@code mcp} tenant's MCP server, for members only, with the tenant's credentials
 * instead of the caller's. A 2025-era client of a 2025-era backend is passed through (POST, GET SSE, DELETE):
 * {@code tools/list} results are cut to the tools the caller may use and a {@code tools/call} of any other tool is
 * refused with a JSON-RPC error, by the same {@link TenantPolicy} decision as the HTTP path; the backend's
 * {@code Mcp-Session-Id} travels inside the gateway's encrypted session id, so any replica can continue the session.
 * Across eras the gateway answers for the tenant itself, with its tools through {@link McpBackends}: stateless
 * (2026-07-28) clients always ({@link ModernMcpRequests}; their other requests are relayed to a stateless backend),
 * 2025-era clients of a stateless backend ({@link LegacyMcpRequests}).
 */
@Component
class TenantMcpPassThroughHandler {

    private static final Logger log = LoggerFactory.getLogger(TenantMcpPassThroughHandler.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String LAST_EVENT_ID = "Last-Event-ID";

    private final TenantDirectory directory;
    private final McpRequests requests;
    private final McpBackends backends;
    private final BackendCredentials credentials;
    private final ToolCallLimits limits;
    private final AnswerSizeLimit answerLimit;
    private final WebClient http;
    private final CallerToolCatalog catalog;
    private final LegacyMcpRequests legacy;
    private final ModernMcpRequests modern;

    TenantMcpPassThroughHandler(TenantDirectory directory, McpRequests requests, McpBackends backends,
                                ObjectProvider<BackendCredentials> credentials, ToolCallLimits limits,
                                GatewayProperties properties, AnswerSizeLimit answerLimit, CallerToolCatalog catalog,
                                LegacyMcpRequests legacy, ModernMcpRequests modern) {
        this.catalog = catalog;
        this.legacy = legacy;
        this.modern = modern;
        this.directory = directory;
        this.limits = limits;
        this.requests = requests;
        this.backends = backends;
        this.answerLimit = answerLimit;
        this.credentials = credentials.getIfAvailable(() -> BackendCredentials.NONE);
        HttpClient client = HttpClient.create().option(ChannelOption.CONNECT_TIMEOUT_MILLIS,
                (int) properties.mcp().backend().connectTimeout().toMillis());
        this.http = WebClient.builder().clientConnector(new ReactorClientHttpConnector(client)).build();
    }

    /** True for tenants whose {@code /tools/<tenant>/mcp} this handler serves; other tenants keep their HTTP route. */
    boolean serves(String tenantId) {
        return directory.current().tenant(tenantId).filter(t -> t.backendType() == BackendType.MCP).isPresent();
    }

    Mono<ServerResponse> handle(ServerRequest request) {
        String tenantId = request.pathVariable("tenant");
        Tenant tenant = directory.current().tenant(tenantId).filter(Tenant::enabled)
                .filter(t -> t.backendType() == BackendType.MCP)
                .orElseThrow(() -> GatewayProblem.notFound(tenantId, "no MCP tenant '" + tenantId + "'"));
        CallerIdentity caller = McpRequests.caller(request);
        AccessLevel level = directory.current().levelOf(caller.email(), tenantId);
        if (level == null) {
            throw GatewayProblem.forbidden(tenantId, "you are not a member of tenant '" + tenantId + "'");
        }
        HttpMethod method = request.method();
        Mono<ServerResponse> response;
        if (HttpMethod.POST.equals(method)) {
            response = requests.body(request).flatMap(message -> answer(request, tenant, caller, level, message));
        } else if (!AggregatedMcpHandler.hasSession(request)
                && (HttpMethod.GET.equals(method) || HttpMethod.DELETE.equals(method))) {
            return McpResponses.postOnly();
        } else if (HttpMethod.GET.equals(method) || HttpMethod.DELETE.equals(method)) {
            response = speaksModern(tenant).flatMap(modernBackend -> modernBackend
                    ? answeredSessionRequest(request, tenant, method)
                    : forwardWithoutBody(request, tenant, method));
        } else {
            return ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED)
                    .allow(HttpMethod.POST, HttpMethod.GET, HttpMethod.DELETE).build();
        }
        return response.onErrorResume(BadMessage.class, bad -> bad.response(request));
    }

    /** Who answers a POST: the gateway across eras, else the backend through the pass-through. */
    private Mono<ServerResponse> answer(ServerRequest request, Tenant tenant, CallerIdentity caller, AccessLevel level,
                                        JsonNode message) {
        if (ProtocolEra.of(message, request.headers().asHttpHeaders()) == ProtocolEra.MODERN) {
            // Tools are the gateway's to answer (whatever the backend's era); anything else only a stateless
            // backend understands, so it is relayed there as it came (the client's own envelope, no session).
            return modern.answer(request, message, catalog.oneTenant(tenant), other -> speaksModern(tenant)
                    .flatMap(modernBackend -> modernBackend
                            ? forwardPost(request, tenant, caller, level, other, null, false) : Mono.empty()));
        }
        return speaksModern(tenant).flatMap(modernBackend -> modernBackend
                ? legacy.answer(request, message, catalog.oneTenant(tenant))
                : post(request, tenant, caller, level, message));
    }

    /** The backend's era; when it cannot be learnt now, the pass-through (whose answer then says what is wrong). */
    private Mono<Boolean> speaksModern(Tenant tenant) {
        return backends.speaksModern(tenant).onErrorReturn(false);
    }

    /**
     * GET and DELETE of a session the gateway answers itself (its backend is stateless): no stream to open (405);
     * DELETE ends nothing, as the session id holds no server state (204).
     */
    private Mono<ServerResponse> answeredSessionRequest(ServerRequest request, Tenant tenant, HttpMethod method) {
        requests.session(request, tenant.id());
        return HttpMethod.GET.equals(method)
                ? ServerResponse.status(HttpStatus.METHOD_NOT_ALLOWED).allow(HttpMethod.POST, HttpMethod.DELETE).build()
                : ServerResponse.noContent().build();
    }

    private Mono<ServerResponse> post(ServerRequest request, Tenant tenant, CallerIdentity caller, AccessLevel level,
                                      JsonNode body) {
        return Mono.just(body).flatMap(message -> {
            if (message.isArray()) {
                throw new BadMessage(HttpStatus.BAD_REQUEST, JsonRpc.INVALID_REQUEST,
                        "JSON-RPC batches are not supported on /tools/<tenant>/mcp");
            }
            String method = JsonRpc.isRequest(message) ? message.get("method").asString() : null;
            boolean initialize = "initialize".equals(method);
            McpSession session = initialize ? null : requests.session(request, tenant.id());
            String tool = message.path("params").path("name").asString("");
            // The audit filter records the call with this tenant, tool and decision, like an HTTP tool call.
            Mono<AccessDecision> decision = "tools/call".equals(method)
                    ? backends.requirementFor(tenant, tool)
                    .map(requirement -> TenantPolicy.decide(level, requirement))
                    .doOnNext(d -> request.exchange().getAttributes().put(TenantCall.ATTRIBUTE,
                            new TenantCall(tenant.id(), tool, d)))
                    : Mono.empty();
            return decision
                    .filter(d -> !d.allowed())
                    .flatMap(refused -> refuseCall(request, tenant, message, refused))
                    .switchIfEmpty(Mono.defer(() -> "tools/call".equals(method)
                            ? forwardToolCall(request, tenant, caller, level, message, session)
                            : forwardPost(request, tenant, caller, level, message, session, initialize)));
        });
    }

    /**
     * Only {@code tools/call} counts against the limits; the call keeps its place among the calls in flight until
     * its answer (possibly a stream) has been written.
     */
    private Mono<ServerResponse> forwardToolCall(ServerRequest request, Tenant tenant, CallerIdentity caller,
                                                 AccessLevel level, JsonNode message, McpSession session) {
        return limits.admit(tenant, caller.email()).flatMap(admission -> {
            if (!admission.admitted()) {
                return rateLimited(request, message, admission.refusal());
            }
            ToolCallPermit permit = admission.permit();
            return forwardPost(request, tenant, caller, level, message, session, false)
                    .<ServerResponse>map(response -> new PermitReleasingResponse(response, permit::release))
                    .doOnError(error -> permit.release())
                    .doOnCancel(permit::release);
        });
    }

    private static Mono<ServerResponse> rateLimited(ServerRequest request, JsonNode message, LimitRefusal refusal) {
        request.exchange().getAttributes().put(LimitRefusal.ATTRIBUTE, refusal);
        log.debug("MCP pass-through call refused: {}", refusal.sentence());
        return McpResponses.message(request, HttpStatus.OK, JsonRpc.toolError(message.get("id"), refusal.sentence()),
                null);
    }

    private Mono<ServerResponse> refuseCall(ServerRequest request, Tenant tenant, JsonNode message,
                                            AccessDecision decision) {
        String tool = message.path("params").path("name").asString("");
        log.debug("MCP pass-through call {}/{} refused: {}", tenant.id(), tool, decision.explanation());
        return McpResponses.message(request, HttpStatus.OK, JsonRpc.error(message.get("id"), JsonRpc.FORBIDDEN,
                "Forbidden: tool '" + tool + "' of tenant '" + tenant.id() + "': " + decision.explanation()), null);
    }

    private Mono<ServerResponse> forwardPost(ServerRequest request, Tenant tenant, CallerIdentity caller,
                                             AccessLevel level, JsonNode message, McpSession session,
                                             boolean initialize) {
        boolean toolsList = JsonRpc.isRequest(message) && "tools/list".equals(message.get("method").asString());
        JsonNode requestId = JsonRpc.isRequest(message) ? message.get("id") : null;
        byte[] body = JSON.writeValueAsBytes(message);
        return exchange(tenant, HttpMethod.POST, request, session, body).flatMap(uncapped -> {
            ResponseEntity<Flux<DataBuffer>> backend = capped(uncapped, answerLimit.capFor(tenant));
            String sessionId = null;
            String backendSession = backend.getHeaders().getFirst(McpResponses.SESSION_HEADER);
            if (initialize && backend.getStatusCode().is2xxSuccessful()) {
                String version = message.path("params").path("protocolVersion").asString("");
                sessionId = requests.newSession(caller.email(), version, tenant.id(), backendSession);
            }
            boolean events = MediaType.TEXT_EVENT_STREAM.isCompatibleWith(backend.getHeaders().getContentType());
            if (toolsList && backend.getStatusCode().is2xxSuccessful()) {
                return answered(request, requestId, filteredToolList(backend, tenant, level, requestId, sessionId));
            }
            if (events) {
                return relayEvents(tenant, backend, sessionId, requestId);
            }
            return answered(request, requestId, relayWhole(backend, sessionId));
        });
    }

    /** {@code answer}, or the JSON-RPC error answering {@code requestId} when the backend's answer passed the cap. */
    private static Mono<ServerResponse> answered(ServerRequest request, JsonNode requestId, Mono<ServerResponse> answer) {
        return answer.onErrorResume(GatewayProblem.class, problem -> requestId == null || !AnswerCap.exceeded(problem)
                ? Mono.error(problem)
                : McpResponses.message(request, HttpStatus.OK, tooLarge(requestId, problem), null));
    }

    /** The backend's answer with its body held to the tenant's cap: more, or an announced length above it, fails. */
    private static ResponseEntity<Flux<DataBuffer>> capped(ResponseEntity<Flux<DataBuffer>> backend, AnswerCap cap) {
        Flux<DataBuffer> body = backend.getBody() == null ? Flux.empty() : backend.getBody();
        return new ResponseEntity<>(cap.limit(body, backend.getHeaders().getContentLength()), backend.getHeaders(),
                backend.getStatusCode());
    }

    /**
     * An event stream, relayed as it arrives. When it passes the cap, the status and earlier events are already on
     * their way, so the stream ends with one more event: the JSON-RPC error answering the request. The blank lines
     * before it end an event the cap cut short (its data is incomplete JSON, which clients drop).
     */
    private static Mono<ServerResponse> relayEvents(Tenant tenant, ResponseEntity<Flux<DataBuffer>> backend,
                                                    String sessionId, JsonNode requestId) {
        Flux<DataBuffer> events = backend.getBody().onErrorResume(GatewayProblem.class, problem -> {
            if (requestId == null || !AnswerCap.exceeded(problem)) {
                return Flux.error(problem);
            }
            log.warn("Tenant '{}': MCP answer cut off: {}", tenant.id(), problem.getMessage());
            byte[] event = ("\n\nevent: message\ndata: " + JSON.writeValueAsString(tooLarge(requestId, problem))
                    + "\n\n").getBytes(StandardCharsets.UTF_8);
            return Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(event));
        });
        return relay(new ResponseEntity<>(events, backend.getHeaders(), backend.getStatusCode()), sessionId);
    }

    /**
     * A single answer (JSON, or an error page), held until it is complete: a JSON-RPC message is only of use whole,
     * and holding it (at most the cap) keeps the status open for the JSON-RPC error should it pass the cap.
     */
    private static Mono<ServerResponse> relayWhole(ResponseEntity<Flux<DataBuffer>> backend, String sessionId) {
        return DataBufferUtils.join(backend.getBody())
                .map(buffer -> {
                    try {
                        byte[] bytes = new byte[buffer.readableByteCount()];
                        buffer.read(bytes);
                        return bytes;
                    } finally {
                        DataBufferUtils.release(buffer);
                    }
                })
                .defaultIfEmpty(new byte[0])
                .flatMap(bytes -> relay(new ResponseEntity<>(
                        Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(bytes))),
                        backend.getHeaders(), backend.getStatusCode()), sessionId));
    }

    private static Map<String, Object> tooLarge(JsonNode requestId, GatewayProblem problem) {
        return JsonRpc.error(requestId, JsonRpc.BACKEND_UNAVAILABLE, problem.problem().getDetail());
    }

    private Mono<ServerResponse> forwardWithoutBody(ServerRequest request, Tenant tenant, HttpMethod method) {
        McpSession session = requests.session(request, tenant.id());
        return exchange(tenant, method, request, session, null).flatMap(backend -> relay(backend, null));
    }

    /** One request to the backend with an allow-list of the caller's headers plus the tenant's credentials. */
    private Mono<ResponseEntity<Flux<DataBuffer>>> exchange(Tenant tenant, HttpMethod method, ServerRequest request,
                                                            McpSession session, byte[] body) {
        HttpHeaders incoming = request.headers().asHttpHeaders();
        return credentials.headersFor(tenant.id()).flatMap(tenantHeaders -> {
            WebClient.RequestBodySpec spec = http.method(method).uri(tenant.backendUrl()).headers(headers -> {
                copy(incoming, headers, HttpHeaders.ACCEPT);
                copy(incoming, headers, McpResponses.PROTOCOL_VERSION_HEADER);
                copy(incoming, headers, ModernProtocol.METHOD_HEADER);
                copy(incoming, headers, ModernProtocol.NAME_HEADER);
                copy(incoming, headers, LAST_EVENT_ID);
                if (session != null && session.backendSessionId() != null) {
                    headers.set(McpResponses.SESSION_HEADER, session.backendSessionId());
                }
                headers.addAll(tenantHeaders);
            });
            WebClient.RequestHeadersSpec<?> ready = body == null ? spec
                    : spec.contentType(MediaType.APPLICATION_JSON).body(BodyInserters.fromValue(body));
            return ready.retrieve()
                    .onStatus(status -> true, response -> Mono.empty())
                    .toEntityFlux(DataBuffer.class);
        }).onErrorMap(error -> !(error instanceof GatewayProblem) && !(error instanceof BadMessage),
                error -> {
                    log.warn("Tenant '{}': MCP backend unreachable: {}", tenant.id(), error.toString());
                    return GatewayProblem.unavailable(tenant.id(), "the MCP server of tenant '" + tenant.id()
                            + "' cannot be reached; try again shortly");
                });
    }

    /** The backend's answer as it is (streamed), with the gateway's session id in place of the backend's. */
    private static Mono<ServerResponse> relay(ResponseEntity<Flux<DataBuffer>> backend, String sessionId) {
        ServerResponse.BodyBuilder response = ServerResponse.status(backend.getStatusCode());
        MediaType type = backend.getHeaders().getContentType();
        if (type != null) {
            response.contentType(type);
        }
        if (sessionId != null) {
            response.header(McpResponses.SESSION_HEADER, sessionId);
        }
        String allow = backend.getHeaders().getFirst(HttpHeaders.ALLOW);
        if (allow != null) {
            response.header(HttpHeaders.ALLOW, allow);
        }
        Flux<DataBuffer> body = backend.getBody() == null ? Flux.empty() : backend.getBody();
        if (MediaType.TEXT_EVENT_STREAM.isCompatibleWith(type)) {
            response.header(HttpHeaders.CACHE_CONTROL, "no-cache");
        }
        return response.body(BodyInserters.fromDataBuffers(body));
    }

    /** Buffers a {@code tools/list} answer (JSON or SSE) and removes the tools the caller may not use. */
    private Mono<ServerResponse> filteredToolList(ResponseEntity<Flux<DataBuffer>> backend, Tenant tenant,
                                                  AccessLevel level, JsonNode requestId, String sessionId) {
        MediaType type = backend.getHeaders().getContentType();
        boolean sse = MediaType.TEXT_EVENT_STREAM.isCompatibleWith(type);
        Flux<DataBuffer> body = backend.getBody() == null ? Flux.empty() : backend.getBody();
        return DataBufferUtils.join(body).map(buffer -> {
            String text = buffer.toString(StandardCharsets.UTF_8);
            DataBufferUtils.release(buffer);
            return sse ? filterEvents(text, tenant, level, requestId) : filterMessage(text, tenant, level, requestId);
        }).defaultIfEmpty("").flatMap(text -> {
            ServerResponse.BodyBuilder response = ServerResponse.status(backend.getStatusCode());
            if (type != null) {
                response.contentType(type);
            }
            if (sessionId != null) {
                response.header(McpResponses.SESSION_HEADER, sessionId);
            }
            byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
            return response.body(BodyInserters.fromDataBuffers(
                    Flux.defer(() -> Flux.just(DefaultDataBufferFactory.sharedInstance.wrap(bytes)))));
        });
    }

    /** Filters the data of every SSE event that answers {@code requestId}; other events pass unchanged. */
    private String filterEvents(String stream, Tenant tenant, AccessLevel level, JsonNode requestId) {
        StringBuilder out = new StringBuilder(stream.length());
        for (String event : stream.split("\r?\n\r?\n", -1)) {
            if (event.isEmpty()) {
                continue;
            }
            StringBuilder data = new StringBuilder();
            StringBuilder others = new StringBuilder();
            for (String line : event.split("\r?\n")) {
                if (line.startsWith("data:")) {
                    data.append(data.isEmpty() ? "" : "\n").append(line.substring(5).stripLeading());
                } else {
                    others.append(line).append('\n');
                }
            }
            out.append(others);
            if (!data.isEmpty()) {
                out.append("data: ").append(filterMessage(data.toString(), tenant, level, requestId)
                        .replace("\n", "\ndata: ")).append('\n');
            }
            out.append('\n');
        }
        return out.toString();
    }

    /** The JSON-RPC message with the caller's tools only, when it answers {@code requestId}; else unchanged. */
    private String filterMessage(String json, Tenant tenant, AccessLevel level, JsonNode requestId) {
        JsonNode message;
        try {
            message = JSON.readTree(json);
        } catch (RuntimeException e) {
            return json;
        }
        if (!message.isObject() || !requestId.equals(message.get("id")) || !message.path("result").path("tools").isArray()) {
            return json;
        }
        ArrayNode tools = (ArrayNode) message.path("result").path("tools");
        ArrayNode allowed = JSON.createArrayNode();
        for (JsonNode tool : tools) {
            if (tool.path("name").isString() && allowed(tenant, level, tool)) {
                allowed.add(tool);
            }
        }
        ((ObjectNode) message.get("result")).set("tools", allowed);
        return JSON.writeValueAsString(message);
    }

    @SuppressWarnings("unchecked")
    private boolean allowed(Tenant tenant, AccessLevel level, JsonNode tool) {
        Map<String, Object> annotations = tool.path("annotations").isObject()
                ? JSON.convertValue(tool.get("annotations"), Map.class) : null;
        BackendTool backendTool = new BackendTool(tool.get("name").asString(), null, null, null, null, annotations);
        return TenantPolicy.decide(level, backends.requirementFor(tenant, backendTool)).allowed();
    }

    private static void copy(HttpHeaders from, HttpHeaders to, String name) {
        List<String> values = from.get(name);
        if (values != null && !values.isEmpty()) {
            to.put(name, values);
        }
    }
}
