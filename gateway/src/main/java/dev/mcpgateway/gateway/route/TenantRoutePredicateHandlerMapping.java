package dev.mcpgateway.gateway.route;

import static org.springframework.cloud.gateway.support.ServerWebExchangeUtils.GATEWAY_PREDICATE_ROUTE_ATTR;

import dev.mcpgateway.gateway.error.GatewayProblem;
import dev.mcpgateway.policy.TenantIds;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.reactivestreams.Publisher;
import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.cloud.gateway.event.RefreshRoutesResultEvent;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Finds a tenant's route by the {@code /tools/<tenant>/} segment in a map instead of testing every route in turn,
 * so the last of 10,000 tenants is found as fast as the first. The route's own predicate is still tested. Routes
 * without a tenant (e.g. configured in properties) are matched one by one as Spring Cloud Gateway does, also under
 * {@code /tools/}; a {@code /tools/<x>/} path nothing matches is a 404 naming {@code x}. The map is rebuilt whenever
 * the cached routes are.
 * <p>
 * It runs before the functional endpoints' mapping ({@link #ORDER}), so a tool call is not first tested against the
 * predicates of every endpoint, and leaves those endpoints each request they answer ({@link FunctionalEndpoints}).
 */
class TenantRoutePredicateHandlerMapping extends RoutePredicateHandlerMapping
        implements ApplicationListener<RefreshRoutesResultEvent> {

    static final String TOOLS_PREFIX = "/tools/";
    /** Before WebFlux's {@code RouterFunctionMapping} (-1) and {@code RequestMappingHandlerMapping} (0). */
    static final int ORDER = -2;

    private final RouteLocator routeLocator;
    private final FunctionalEndpoints endpoints;
    private volatile RouteIndex index = new RouteIndex(Map.of(), List.of());

    TenantRoutePredicateHandlerMapping(FilteringWebHandler webHandler, RouteLocator routeLocator,
                                       GlobalCorsProperties globalCorsProperties, Environment environment,
                                       FunctionalEndpoints endpoints) {
        super(webHandler, routeLocator, globalCorsProperties, environment);
        this.routeLocator = routeLocator;
        this.endpoints = endpoints;
        setOrder(ORDER);
    }

    @Override
    public void onApplicationEvent(RefreshRoutesResultEvent event) {
        if (event.isSuccess()) {
            routeLocator.getRoutes().collectList().subscribe(this::rebuildIndex);
        }
    }

    void rebuildIndex(List<Route> routes) {
        Map<String, Route> byTenant = new HashMap<>(routes.size() * 2);
        List<Route> others = new ArrayList<>();
        for (Route route : routes) {
            Object tenant = route.getMetadata().get(TenantRouteDefinitionLocator.TENANT_METADATA);
            if (tenant instanceof String id) {
                byTenant.putIfAbsent(id, route);
            } else {
                others.add(route);
            }
        }
        index = new RouteIndex(Map.copyOf(byTenant), List.copyOf(others));
    }

    @Override
    protected Mono<Route> lookupRoute(ServerWebExchange exchange) {
        RouteIndex current = index;
        String path = exchange.getRequest().getPath().pathWithinApplication().value();
        String tenant = tenantSegment(path);
        if (tenant == null) {
            return current.others().isEmpty() ? Mono.empty() : unlessAnEndpointServes(exchange,
                    () -> firstMatching(current.others(), exchange));
        }
        return unlessAnEndpointServes(exchange, () -> tenantRoute(current, tenant, exchange));
    }

    /** Nothing when one of the functional endpoints answers the request; the route {@code lookup} finds otherwise. */
    private Mono<Route> unlessAnEndpointServes(ServerWebExchange exchange, Supplier<Mono<Route>> lookup) {
        if (!endpoints.mayServe(exchange)) {
            return lookup.get();
        }
        return endpoints.serve(exchange).flatMap(served -> served ? Mono.empty() : lookup.get());
    }

    private Mono<Route> tenantRoute(RouteIndex current, String tenant, ServerWebExchange exchange) {
        Route route = current.byTenant().get(tenant);
        Mono<Route> found = route == null ? Mono.empty() : matching(route, exchange);
        // Routes configured by other means (properties) may also live under /tools/; only then is it a 404.
        return found.switchIfEmpty(Mono.defer(() -> firstMatching(current.others(), exchange)))
                .switchIfEmpty(Mono.error(() -> unknownTenant(tenant)));
    }

    /** The raw segment after {@code /tools/}, or {@code null} for paths outside {@code /tools/<something>}. */
    static String tenantSegment(String path) {
        if (!path.startsWith(TOOLS_PREFIX) || path.length() == TOOLS_PREFIX.length()) {
            return null;
        }
        int end = path.indexOf('/', TOOLS_PREFIX.length());
        return path.substring(TOOLS_PREFIX.length(), end < 0 ? path.length() : end);
    }

    private Mono<Route> firstMatching(List<Route> routes, ServerWebExchange exchange) {
        if (routes.isEmpty()) {
            return Mono.empty();
        }
        return Flux.fromIterable(routes).concatMap(route -> matching(route, exchange)).next();
    }

    private Mono<Route> matching(Route route, ServerWebExchange exchange) {
        exchange.getAttributes().put(GATEWAY_PREDICATE_ROUTE_ATTR, route.getId());
        Publisher<Boolean> matches;
        try {
            matches = route.getPredicate().apply(exchange);
        } catch (RuntimeException e) {
            logger.error("Error applying predicate for route: " + route.getId(), e);
            return Mono.empty();
        }
        return Mono.from(matches).filter(Boolean::booleanValue).map(matched -> {
            validateRoute(route, exchange);
            return route;
        });
    }

    /** Names the tenant only when it is a well-formed id, never echoing arbitrary input, never listing others. */
    private static GatewayProblem unknownTenant(String segment) {
        if (TenantIds.isValid(segment)) {
            return GatewayProblem.notFound(segment, "tenant '" + segment + "' does not exist or is disabled");
        }
        return GatewayProblem.notFound(null, "no such tenant");
    }

    private record RouteIndex(Map<String, Route> byTenant, List<Route> others) {
    }
}
