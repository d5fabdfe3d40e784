package dev.mcpgateway.gateway.mcp.backend;

import dev.mcpgateway.gateway.config.GatewayProperties;
import dev.mcpgateway.gateway.credential.BackendCredentials;
import dev.mcpgateway.gateway.directory.BackendType;
import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.gateway.directory.TenantDirectory;
import dev.mcpgateway.gateway.error.GatewayProblem;
import dev.mcpgateway.gateway.limit.AnswerSizeLimit;
import dev.mcpgateway.gateway.membership.ToolRequirements;
import dev.mcpgateway.policy.AccessLevel;
import dev.mcpgateway.policy.RuleLevel;
import dev.mcpgateway.policy.ToolRequirement;
import io.netty.channel.ChannelOption;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.http.client.HttpClient;
import reactor.netty.resources.ConnectionProvider;

/**
 * The gateway as an MCP client of {@code mcp} tenants' Streamable HTTP backends of either protocol era: each tenant's
 * cached {@code tools/list} and {@code tools/call}, over one connection per tenant (a 2025-era session, or stateless
 * requests to a 2026-07-28 backend) with the tenant's credential headers.
 * <p>
 * This class moves messages; it does not decide who may call what. Callers check access with
 * {@link #requirementFor(Tenant, String)} and {@code TenantPolicy.decide} before calling a tool, and hide tools
 * the caller may not use.
 */
@Component
public class McpBackends implements ToolRequirements, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(McpBackends.class);
    private static final int MAX_PAGES = 100;

    private final GatewayProperties.Mcp.Backend settings;
    private final BackendCredentials credentials;
    private final ApplicationEventPublisher events;
    private final TenantDirectory directory;
    private final AnswerSizeLimit answerLimit;
    private final WebClient http;
    private final Map<String, StreamableHttpSession> sessions = new ConcurrentHashMap<>();
    private final Map<String, CachedTools> toolLists = new ConcurrentHashMap<>();

    @Autowired
    McpBackends(GatewayProperties properties, ObjectProvider<BackendCredentials> credentials,
                ApplicationEventPublisher events, TenantDirectory directory, AnswerSizeLimit answerLimit) {
        this(properties, credentials.getIfAvailable(() -> BackendCredentials.NONE), events, directory, answerLimit);
    }

    McpBackends(GatewayProperties properties, BackendCredentials credentials, ApplicationEventPublisher events,
                TenantDirectory directory) {
        this(properties, credentials, events, directory, new AnswerSizeLimit(properties));
    }

    private McpBackends(GatewayProperties properties, BackendCredentials credentials, ApplicationEventPublisher events,
                        TenantDirectory directory, AnswerSizeLimit answerLimit) {
        this.settings = properties.mcp().backend();
        this.credentials = credentials;
        this.events = events;
        this.directory = directory;
        this.answerLimit = answerLimit;
        this.http = webClient(settings);
    }

    /**
     * The tenant's tools as its backend lists them (all pages), from a cache kept for {@code mcpgateway.mcp.backend.tools-ttl}
     * and dropped when the backend reports {@code notifications/tools/list_changed}. Fails with a 503/502
     * {@link GatewayProblem} when the backend is down or misbehaves (remembered for {@code unavailable-ttl}).
     */
    public Mono<List<BackendTool>> tools(Tenant tenant) {
        requireMcp(tenant);
        CachedTools cached = toolLists.compute(tenant.id(), (id, old) ->
                old != null && old.endpoint().equals(tenant.backendUrl()) ? old : new CachedTools(tenant, fetchTools(tenant)));
        return cached.tools();
    }

    /** One tool of the tenant by its backend name, or empty when the backend does not list it. */
    public Mono<BackendTool> tool(Tenant tenant, String name) {
        return tools(tenant).flatMap(list -> Mono.justOrEmpty(list.stream().filter(t -> t.name().equals(name)).findFirst()));
    }

    /**
     * Calls {@code tool} with {@code arguments} ({@code tools/call}). A tool that fails is a result with
     * {@code isError}; a JSON-RPC error of the backend (e.g. unknown tool) is a {@link BackendRpcException}; an
     * unreachable backend a 503 {@link GatewayProblem}; an answer above the tenant's answer limit a 502 one
     * ({@link dev.mcpgateway.gateway.limit.AnswerSizeLimit}).
     */
    public Mono<BackendCallResult> call(Tenant tenant, String tool, Map<String, Object> arguments) {
        requireMcp(tenant);
        Map<String, Object> args = arguments == null ? Map.of() : arguments;
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("name", tool);
        params.put("arguments", args);
        StreamableHttpSession session = session(tenant);
        // A stateless backend wants the arguments its tool marks x-mcp-header as headers too (from the cached list).
        // A handshake that fails here fails again, with its proper answer, in the request itself.
        Mono<HttpHeaders> paramHeaders = session.modern()
                .timeout(settings.requestTimeout())
                .onErrorReturn(false)
                .flatMap(modern -> !modern ? Mono.just(HttpHeaders.EMPTY) : tool(tenant, tool)
                        .map(found -> McpParamHeaders.of(found.inputSchema(), args))
                        .onErrorResume(e -> Mono.empty())
                        .defaultIfEmpty(HttpHeaders.EMPTY));
        return paramHeaders.flatMap(headers -> session.request("tools/call", params, headers, settings.callTimeout()))
                .map(McpBackends::callResult);
    }

    /**
     * What {@code tool} demands in {@code tenant}: the tenant's rules, with the tool's annotation level
     * ({@link BackendTool#annotationLevel()}) in place of the tenant default when the tenant derives levels from
     * annotations. Explicit rules always win (that precedence lives in {@code TenantPolicy}).
     */
    public ToolRequirement requirementFor(Tenant tenant, BackendTool tool) {
        return tenant.policy().requirementFor(tool.name(), annotationLevel(tenant, tool));
    }

    /**
     * Like {@link #requirementFor(Tenant, BackendTool)} when only the name is known, e.g. for an incoming call.
     * Looks the tool up in the cached list only when the tenant derives levels from annotations; a tool the list
     * does not have, or a list that cannot be had, counts as not read-only ({@code write}), as MCP's default for
     * {@code readOnlyHint} is false.
     */
    @Override
    public Mono<ToolRequirement> requirementFor(Tenant tenant, String tool) {
        if (!usesAnnotations(tenant)) {
            return Mono.just(tenant.policy().requirementFor(tool));
        }
        return tool(tenant, tool)
                .map(found -> requirementFor(tenant, found))
                .switchIfEmpty(Mono.fromSupplier(() -> unknownAnnotations(tenant, tool, "the backend does not list it")))
                .onErrorResume(e -> Mono.just(unknownAnnotations(tenant, tool, "the backend's tool list is unavailable")));
    }

    /** A rule still decides; otherwise {@code write}, saying why the annotations are unknown. */
    private static ToolRequirement unknownAnnotations(Tenant tenant, String tool, String why) {
        ToolRequirement asWrite = tenant.policy().requirementFor(tool, AccessLevel.WRITE);
        boolean ruleDecides = asWrite.equals(tenant.policy().requirementFor(tool, AccessLevel.READ));
        return ruleDecides ? asWrite : new ToolRequirement(RuleLevel.WRITE, "tool annotations unknown: " + why);
    }

    /** The annotation level of {@code tool}, or {@code null} when {@code tenant} does not use annotations. */
    public static AccessLevel annotationLevel(Tenant tenant, BackendTool tool) {
        return usesAnnotations(tenant) ? tool.annotationLevel() : null;
    }

    /**
     * True when the tenant's backend speaks the stateless era (2026-07-28), learnt once by a {@code server/discover}
     * probe and learnt again after a failure; false for a 2025-era backend. Fails when the backend is unreachable.
     */
    public Mono<Boolean> speaksModern(Tenant tenant) {
        requireMcp(tenant);
        return session(tenant).modern().timeout(settings.requestTimeout(), Mono.error(() -> GatewayProblem.unavailable(
                tenant.id(), "the tenant's MCP backend did not answer within " + settings.requestTimeout().toSeconds() + " s")));
    }

    /** Drops the tenant's cached tool list, so the next {@link #tools} asks the backend again. */
    public void invalidate(String tenantId) {
        toolLists.remove(tenantId);
    }

    /** Ends sessions of tenants that are gone, disabled, no longer {@code mcp} or moved to another URL. */
    @Scheduled(fixedDelayString = "${mcpgateway.mcp.backend.session-sweep-interval:60s}")
    void closeSessionsOfRemovedTenants() {
        sessions.forEach((id, session) -> {
            Optional<Tenant> tenant = directory.current().tenant(id);
            boolean current = tenant.filter(t -> t.enabled() && t.backendType() == BackendType.MCP
                    && t.backendUrl().equals(session.endpoint())).isPresent();
            if (!current && sessions.remove(id, session)) {
                toolLists.remove(id);
                session.close().subscribe();
            }
        });
    }

    @Override
    public void destroy() {
        Flux.fromIterable(List.copyOf(sessions.values()))
                .flatMap(StreamableHttpSession::close)
                .then()
                .block(Duration.ofSeconds(5));
        sessions.clear();
    }

    private Mono<List<BackendTool>> fetchTools(Tenant tenant) {
        Duration ttl = settings.toolsTtl();
        Duration unavailable = settings.unavailableTtl();
        return Mono.defer(() -> page(tenant, null, new ArrayList<>(), 0))
                .doOnNext(list -> log.debug("Tenant '{}': MCP backend lists {} tools", tenant.id(), list.size()))
                .doOnError(e -> log.warn("Tenant '{}': MCP backend tools unavailable: {}", tenant.id(), e.getMessage()))
                .cache(ok -> ttl, failed -> unavailable, () -> Duration.ZERO);
    }

    private Mono<List<BackendTool>> page(Tenant tenant, String cursor, List<BackendTool> collected, int pages) {
        Map<String, Object> params = cursor == null ? null : Map.of("cursor", cursor);
        return session(tenant).request("tools/list", params, settings.requestTimeout())
                .flatMap(result -> {
                    if (result.get("tools") instanceof List<?> tools) {
                        for (Object tool : tools) {
                            if (tool instanceof Map<?, ?> json && json.get("name") instanceof String) {
                                collected.add(tool(json));
                            }
                        }
                    }
                    if (result.get("nextCursor") instanceof String next && !next.isEmpty() && pages + 1 < MAX_PAGES) {
                        return page(tenant, next, collected, pages + 1);
                    }
                    return Mono.just(List.copyOf(collected));
                });
    }

    private StreamableHttpSession session(Tenant tenant) {
        return sessions.compute(tenant.id(), (id, old) -> {
            if (old != null && old.endpoint().equals(tenant.backendUrl())) {
                return old;
            }
            if (old != null) {
                old.close().subscribe();
            }
            // The tenant as the directory has it now, so a changed answer limit applies to the next answer.
            return new StreamableHttpSession(id, tenant.backendUrl(), http, credentials, settings,
                    () -> toolsChanged(id),
                    () -> answerLimit.capFor(directory.current().tenant(id).orElse(tenant)));
        });
    }

    private void toolsChanged(String tenantId) {
        CachedTools dropped = toolLists.remove(tenantId);
        events.publishEvent(new BackendToolsChanged(tenantId));
        if (dropped != null) {
            // Fetch the new list now, so the next caller does not wait for it.
            tools(dropped.tenant()).subscribe(ok -> { }, e -> { });
        }
    }

    private static boolean usesAnnotations(Tenant tenant) {
        return tenant.toolLevelsFromAnnotations() && tenant.backendType() == BackendType.MCP;
    }

    private static void requireMcp(Tenant tenant) {
        if (tenant.backendType() != BackendType.MCP) {
            throw new IllegalArgumentException("tenant '" + tenant.id() + "' is not an MCP backend");
        }
    }

    @SuppressWarnings("unchecked")
    private static BackendTool tool(Map<?, ?> json) {
        return new BackendTool((String) json.get("name"),
                json.get("title") instanceof String s ? s : null,
                json.get("description") instanceof String s ? s : null,
                json.get("inputSchema") instanceof Map<?, ?> m ? (Map<String, Object>) m : null,
                json.get("outputSchema") instanceof Map<?, ?> m ? (Map<String, Object>) m : null,
                json.get("annotations") instanceof Map<?, ?> m ? (Map<String, Object>) m : null);
    }

    @SuppressWarnings("unchecked")
    private static BackendCallResult callResult(Map<String, Object> result) {
        List<Map<String, Object>> content = new ArrayList<>();
        if (result.get("content") instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> map) {
                    content.add((Map<String, Object>) map);
                }
            }
        }
        return new BackendCallResult(content, Boolean.TRUE.equals(result.get("isError")),
                result.get("structuredContent") instanceof Map<?, ?> m ? (Map<String, Object>) m : null);
    }

    private static WebClient webClient(GatewayProperties.Mcp.Backend settings) {
        ConnectionProvider pool = ConnectionProvider.builder("mcp-backends")
                .maxConnections(500)
                .maxIdleTime(Duration.ofSeconds(30))
                .build();
        HttpClient client = HttpClient.create(pool)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) settings.connectTimeout().toMillis());
        return WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(client))
                // No codec limit: each tenant's answer cap counts the bytes before any codec holds them.
                .codecs(codecs -> codecs.defaultCodecs().maxInMemorySize(-1))
                .build();
    }

    private record CachedTools(Tenant tenant, Mono<List<BackendTool>> tools) {
        URI endpoint() {
            return tenant.backendUrl();
        }
    }
}
