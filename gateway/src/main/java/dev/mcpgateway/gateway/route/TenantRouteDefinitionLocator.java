package dev.mcpgateway.gateway.route;

import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.gateway.directory.TenantDirectory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.filter.factory.GatewayFilterFactory;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteDefinitionLocator;
import reactor.core.publisher.Flux;

/**
 * One route per enabled tenant, from the current {@link TenantDirectory} snapshot: {@code tenant-<id>},
 * {@code Path=/tools/<id>/**}, the per-tenant filters of {@link #TENANT_FILTERS}, to the tenant's backend, which
 * gets the path without {@code /tools/<id>} ({@link BackendPathFilter}). Read-only on purpose (not a {@code RouteDefinitionRepository}, whose write methods the
 * actuator would expose). {@link TenantRouteLocator} turns these into routes whenever a {@code RefreshRoutesEvent}
 * asks; this class is not a bean, so Spring Cloud Gateway's slower converter does not convert them a second time.
 */
class TenantRouteDefinitionLocator implements RouteDefinitionLocator {

    /**
     * Route metadata key holding the tenant id; the indexed handler mapping finds routes by it, and a route that has
     * it forwards {@code /tools/<id>/rest} as {@code /rest} ({@link BackendPathFilter}).
     */
    static final String TENANT_METADATA = "mcpgateway.tenant";

    /**
     * The per-tenant filters, in order, each given {@code tenant=<id>}. A name is used once a filter factory of
     * that name exists, so a filter landing later joins every route without touching this class again.
     */
    static final List<String> TENANT_FILTERS = List.of("TenantMembership", "ToolCallLimit", "VaultCredential",
            "AnswerSizeLimit");

    private final TenantDirectory directory;
    private final List<String> tenantFilters;

    TenantRouteDefinitionLocator(TenantDirectory directory, List<GatewayFilterFactory<?>> filterFactories) {
        this.directory = directory;
        Set<String> available = filterFactories.stream().map(GatewayFilterFactory::name).collect(Collectors.toSet());
        this.tenantFilters = TENANT_FILTERS.stream().filter(available::contains).toList();
    }

    @Override
    public Flux<RouteDefinition> getRouteDefinitions() {
        return Flux.defer(() -> Flux.fromIterable(routesOf(directory.current().allTenants())));
    }

    private List<RouteDefinition> routesOf(Iterable<Tenant> tenants) {
        List<RouteDefinition> routes = new ArrayList<>();
        for (Tenant tenant : tenants) {
            if (tenant.enabled()) {
                routes.add(routeOf(tenant));
            }
        }
        routes.sort(Comparator.comparing(RouteDefinition::getId));
        return routes;
    }

    private RouteDefinition routeOf(Tenant tenant) {
        RouteDefinition route = new RouteDefinition();
        route.setId("tenant-" + tenant.id());
        route.setUri(tenant.backendUrl());
        route.setPredicates(List.of(new PredicateDefinition("Path=/tools/" + tenant.id() + "/**")));
        List<FilterDefinition> filters = new ArrayList<>(tenantFilters.size());
        for (String name : tenantFilters) {
            FilterDefinition filter = new FilterDefinition();
            filter.setName(name);
            filter.addArg("tenant", tenant.id());
            filters.add(filter);
        }
        route.setFilters(filters);
        route.setMetadata(Map.of(TENANT_METADATA, tenant.id()));
        return route;
    }
}
