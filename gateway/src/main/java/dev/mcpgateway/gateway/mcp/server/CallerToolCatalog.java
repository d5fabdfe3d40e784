package dev.mcpgateway.gateway.mcp.server;

import dev.mcpgateway.gateway.config.GatewayProperties;
import dev.mcpgateway.gateway.mcp.backend.BackendTool;
import dev.mcpgateway.gateway.tenant.BackendType;
import dev.mcpgateway.gateway.tenant.TenancySnapshot;
import dev.mcpgateway.gateway.tenant.Tenant;
import dev.mcpgateway.gateway.tenant.TenantDirectory;
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
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * One caller's tools across all their tenants, for {@code /mcp}: every enabled tenant they belong to, each tool the
 * tenant's rules let them use ({@link TenantPolicy#decide}, with annotation levels where the tenant uses them), named
 * {@link ToolNames#qualified}. Tool lists come from the sources' caches; a tenant whose backend cannot list its tools
 * within {@code list-timeout} is left out (WARN once, and the {@code mcpgateway.mcp.server.tenants.dropped} counter).
 */
@Component
class CallerToolCatalog {

    private static final Logger log = LoggerFactory.getLogger(CallerToolCatalog.class);

    private final TenantDirectory directory;
    private final Map<BackendType, TenantToolSource> sources = new EnumMap<>(BackendType.class);
    private final Duration listTimeout;
    private final MeterRegistry meters;
    private final Set<String> unavailableTenants = ConcurrentHashMap.newKeySet();

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

    /** How a qualified tool name resolved for one caller. */
    record ResolvedTool(Tenant tenant, String tool, AccessDecision decision) {
    }

    /** Every tool {@code email} may use, tenants in id order; tenants whose backend is down are left out. */
    Mono<List<CallerTool>> toolsOf(String email) {
        TenancySnapshot snapshot = directory.current();
        List<Map.Entry<Tenant, AccessLevel>> memberships = new ArrayList<>();
        snapshot.tenantsOf(email).forEach((tenantId, level) -> snapshot.tenant(tenantId)
                .filter(Tenant::enabled)
                .filter(tenant -> sources.containsKey(tenant.backendType()))
                .ifPresent(tenant -> memberships.add(Map.entry(tenant, level))));
        memberships.sort(Map.Entry.comparingByKey(Comparator.comparing(Tenant::id)));
        return Flux.fromIterable(memberships)
                .flatMapSequential(membership -> allowedTools(membership.getKey(), membership.getValue()))
                .collectList()
                .map(lists -> lists.stream().flatMap(List::stream).toList());
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

    TenantToolSource sourceFor(Tenant tenant) {
        return sources.get(tenant.backendType());
    }

    private Mono<List<CallerTool>> allowedTools(Tenant tenant, AccessLevel level) {
        TenantToolSource source = sources.get(tenant.backendType());
        return source.tools(tenant)
                .timeout(listTimeout)
                .map(tools -> {
                    available(tenant);
                    List<CallerTool> allowed = new ArrayList<>(tools.size());
                    for (BackendTool tool : tools) {
                        if (TenantPolicy.decide(level, source.requirementFor(tenant, tool)).allowed()) {
                            allowed.add(new CallerTool(tenant, tool, ToolNames.qualified(tenant.id(), tool.name())));
                        }
                    }
                    return (List<CallerTool>) allowed;
                })
                .onErrorResume(error -> {
                    dropped(tenant, error);
                    return Mono.just(List.of());
                });
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
