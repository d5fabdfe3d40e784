package dev.mcpgateway.gateway.mcp.server;

import dev.mcpgateway.gateway.config.GatewayProperties;
import dev.mcpgateway.gateway.directory.BackendType;
import dev.mcpgateway.gateway.directory.TenancySnapshot;
import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.gateway.directory.TenantDirectory;
import dev.mcpgateway.gateway.mcp.backend.BackendTool;
import dev.mcpgateway.policy.AccessDecision;
import dev.mcpgateway.policy.AccessLevel;
import dev.mcpgateway.policy.TenantPolicy;
import dev.mcpgateway.policy.ToolNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.util.RawValue;

/**
 * One caller's tools across all their tenants, for {@code /mcp}: every enabled tenant they belong to, each tool the
 * tenant's rules let them use ({@link TenantPolicy#decide}, with annotation levels where the tenant uses them), named
 * {@link ToolNames#qualified}. Tool lists come from the sources' caches; a tenant whose backend cannot list its tools
 * within {@code list-timeout} is left out (WARN once, and the {@code mcpgateway.mcp.server.tenants.dropped} counter).
 */
@Component
class CallerToolCatalog {

    private static final Logger log = LoggerFactory.getLogger(CallerToolCatalog.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TenantDirectory directory;
    private final Map<BackendType, TenantToolSource> sources = new EnumMap<>(BackendType.class);
    private final Duration listTimeout;
    private final MeterRegistry meters;
    private final Set<String> unavailableTenants = ConcurrentHashMap.newKeySet();
    private final Map<String, Fragment> fragments = new ConcurrentHashMap<>();

    CallerToolCatalog(TenantDirectory directory, List<TenantToolSource> sources, GatewayProperties properties,
                      MeterRegistry meters) {
        this.directory = directory;
        sources.forEach(source -> this.sources.put(source.backendType(), source));
        this.listTimeout = properties.mcp().server().listTimeout();
        this.meters = meters;
    }

    /** A tool as the caller sees it on {@code /mcp}. */
    record CallerTool(Tenant tenant, BackendTool tool, String qualifiedName) {

        /** The tool as written in the gateway's {@code tools/list}: qualified name, description naming the tenant. */
        Map<String, Object> asJson() {
            Map<String, Object> json = new LinkedHashMap<>(tool.asJson());
            json.put("name", qualifiedName);
            String original = tool.description() == null ? "" : " " + tool.description();
            json.put("description", "[Tenant " + tenant.displayName() + " (" + tenant.id() + ")]" + original);
            if (tool.title() != null) {
                json.put("title", tool.title() + " (" + tenant.displayName() + ")");
            }
            return json;
        }
    }

    /** The serialized allowed tools of one tenant for one level, valid for exactly these tenant and tool list objects. */
    private record Fragment(Tenant tenant, List<BackendTool> tools, String json) {
    }

    /** How a qualified tool name resolved for one caller. */
    record ResolvedTool(Tenant tenant, String tool, AccessDecision decision) {
    }

    /**
     * Every tool {@code email} may use, as the JSON array {@code tools/list} answers with (tenants in id order; tenants
     * whose backend is down are left out). Built from per-tenant, per-level fragments that are serialized once and
     * reused until the tenant's tool list or the tenant itself (rules, default level) changes.
     */
    Mono<RawValue> toolsJsonOf(String email) {
        TenancySnapshot snapshot = directory.current();
        List<Map.Entry<Tenant, AccessLevel>> memberships = new ArrayList<>();
        snapshot.tenantsOf(email).forEach((tenantId, level) -> snapshot.tenant(tenantId)
                .filter(Tenant::enabled)
                .filter(tenant -> sources.containsKey(tenant.backendType()))
                .ifPresent(tenant -> memberships.add(Map.entry(tenant, level))));
        memberships.sort(Map.Entry.comparingByKey(Comparator.comparing(Tenant::id)));
        return Flux.fromIterable(memberships)
                .flatMapSequential(membership -> allowedToolsJson(membership.getKey(), membership.getValue()))
                .filter(fragment -> !fragment.isEmpty())
                .collect(Collectors.joining(",", "[", "]"))
                .map(RawValue::new);
    }

    /**
     * What {@code qualifiedName} means for {@code email}: its tenant, the backend's tool name and the access decision.
     * Empty when the name names no tenant the caller belongs to, or no tool of it: "unknown tool", revealing nothing.
     */
    Mono<ResolvedTool> resolve(String email, String qualifiedName) {
        int separator = qualifiedName == null ? -1 : qualifiedName.indexOf(ToolNames.SEPARATOR);
        if (separator <= 0) {
            return Mono.empty();
        }
        String tenantId = qualifiedName.substring(0, separator);
        TenancySnapshot snapshot = directory.current();
        AccessLevel level = snapshot.levelOf(email, tenantId);
        Optional<Tenant> found = snapshot.tenant(tenantId).filter(Tenant::enabled);
        if (level == null || found.isEmpty() || !sources.containsKey(found.get().backendType())) {
            return Mono.empty();
        }
        Tenant tenant = found.get();
        TenantToolSource source = sources.get(tenant.backendType());
        return source.tools(tenant).timeout(listTimeout)
                .flatMap(tools -> Mono.justOrEmpty(tools.stream()
                        .filter(tool -> ToolNames.qualified(tenantId, tool.name()).equals(qualifiedName))
                        .findFirst()))
                .map(tool -> new ResolvedTool(tenant, tool.name(),
                        TenantPolicy.decide(level, source.requirementFor(tenant, tool))));
    }

    /** {@code /mcp}: every tenant of the caller, tools named {@code <tenant>__<tool>}. */
    ToolScope allTenants() {
        return new ToolScope() {
            @Override
            public String tenantId() {
                return null;
            }

            @Override
            public Mono<RawValue> toolsJson(String email) {
                return toolsJsonOf(email);
            }

            @Override
            public Mono<ResolvedTool> resolve(String email, String name) {
                return CallerToolCatalog.this.resolve(email, name);
            }
        };
    }

    /** One tenant's tools under their backend names, for the gateway answering on {@code /tools/<tenant>/mcp}. */
    ToolScope oneTenant(Tenant tenant) {
        return new ToolScope() {
            @Override
            public String tenantId() {
                return tenant.id();
            }

            @Override
            public Mono<RawValue> toolsJson(String email) {
                AccessLevel level = directory.current().levelOf(email, tenant.id());
                TenantToolSource source = sources.get(tenant.backendType());
                if (level == null || source == null) {
                    return Mono.just(new RawValue("[]"));
                }
                return source.tools(tenant).timeout(listTimeout).map(tools -> {
                    StringJoiner json = new StringJoiner(",", "[", "]");
                    for (BackendTool tool : tools) {
                        if (TenantPolicy.decide(level, source.requirementFor(tenant, tool)).allowed()) {
                            json.add(JSON.writeValueAsString(tool.asJson()));
                        }
                    }
                    return new RawValue(json.toString());
                });
            }

            @Override
            public Mono<ResolvedTool> resolve(String email, String name) {
                AccessLevel level = directory.current().levelOf(email, tenant.id());
                TenantToolSource source = sources.get(tenant.backendType());
                if (level == null || source == null || name == null) {
                    return Mono.empty();
                }
                return source.tools(tenant).timeout(listTimeout)
                        .flatMap(tools -> Mono.justOrEmpty(tools.stream().filter(t -> t.name().equals(name)).findFirst()))
                        .map(tool -> new ResolvedTool(tenant, tool.name(),
                                TenantPolicy.decide(level, source.requirementFor(tenant, tool))));
            }
        };
    }

    TenantToolSource sourceFor(Tenant tenant) {
        return sources.get(tenant.backendType());
    }

    /** The comma-separated JSON of the tools a member at {@code level} may use in {@code tenant}. */
    private Mono<String> allowedToolsJson(Tenant tenant, AccessLevel level) {
        TenantToolSource source = sources.get(tenant.backendType());
        return source.tools(tenant)
                .timeout(listTimeout)
                .map(tools -> {
                    available(tenant);
                    String key = tenant.id() + '|' + level.value();
                    Fragment cached = fragments.get(key);
                    if (cached != null && cached.tenant() == tenant && cached.tools() == tools) {
                        return cached.json();
                    }
                    StringJoiner json = new StringJoiner(",");
                    for (BackendTool tool : tools) {
                        if (TenantPolicy.decide(level, source.requirementFor(tenant, tool)).allowed()) {
                            CallerTool allowed = new CallerTool(tenant, tool, ToolNames.qualified(tenant.id(), tool.name()));
                            json.add(JSON.writeValueAsString(allowed.asJson()));
                        }
                    }
                    fragments.put(key, new Fragment(tenant, tools, json.toString()));
                    return json.toString();
                })
                .onErrorResume(error -> {
                    dropped(tenant, error);
                    return Mono.just("");
                });
    }

    /** Forgets fragments of tenants that are gone, so the cache stays as small as the tenant table. */
    @Scheduled(fixedDelayString = "PT5M", initialDelayString = "PT5M")
    void evictRemovedTenants() {
        TenancySnapshot snapshot = directory.current();
        fragments.keySet().removeIf(key -> snapshot.tenant(key.substring(0, key.indexOf('|'))).isEmpty());
    }

    private void available(Tenant tenant) {
        if (unavailableTenants.remove(tenant.id())) {
            log.info("Tenant '{}': tools are listed on /mcp again", tenant.id());
        }
    }

    private void dropped(Tenant tenant, Throwable error) {
        Counter.builder("mcpgateway.mcp.server.tenants.dropped")
                .description("Tenants left out of an /mcp tools/list because their backend could not list its tools")
                .tag("tenant", tenant.id())
                .register(meters)
                .increment();
        if (unavailableTenants.add(tenant.id())) {
            log.warn("Tenant '{}': left out of /mcp tool lists, its backend cannot list tools ({})", tenant.id(),
                    error.getMessage() == null ? error.getClass().getSimpleName() : error.getMessage());
        } else {
            log.debug("Tenant '{}': still left out of /mcp tool lists", tenant.id());
        }
    }
}
