package dev.mcpgateway.gateway.route;

import dev.mcpgateway.gateway.directory.TenantDirectory;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.cloud.gateway.filter.FilterDefinition;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.GatewayFilterFactory;
import org.springframework.cloud.gateway.handler.AsyncPredicate;
import org.springframework.cloud.gateway.handler.predicate.PathRoutePredicateFactory;
import org.springframework.cloud.gateway.handler.predicate.PredicateDefinition;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.route.RouteDefinition;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.cloud.gateway.support.HasRouteId;
import org.springframework.cloud.gateway.support.NameUtils;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.AnnotationAwareOrderComparator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Flux;

/**
 * Turns the {@link TenantRouteDefinitionLocator}'s definitions into routes, quickly enough for 10,000 tenants.
 * Spring Cloud Gateway's own conversion binds every argument through its {@code ConfigurationService} and publishes
 * an event per predicate and filter; for 10,000 tenants that took over a minute here, on every refresh. This
 * converter sets the few known arguments directly and reuses the route of every definition that did not change, so a
 * refresh after adding one tenant converts one route. The definition locator is deliberately not a bean, so the
 * stock converter never sees tenant routes as well.
 */
@Component
class TenantRouteLocator implements RouteLocator {

    private final TenantRouteDefinitionLocator definitions;
    private final PathRoutePredicateFactory path;
    private final Map<String, GatewayFilterFactory<Object>> filterFactories = new HashMap<>();
    private Map<RouteDefinition, Route> converted = Map.of();

    @SuppressWarnings("unchecked")
    TenantRouteLocator(TenantDirectory directory, List<GatewayFilterFactory<?>> filterFactories,
                       PathRoutePredicateFactory path) {
        this.definitions = new TenantRouteDefinitionLocator(directory, filterFactories);
        this.path = path;
        filterFactories.forEach(factory -> this.filterFactories.put(factory.name(), (GatewayFilterFactory<Object>) factory));
    }

    @Override
    public Flux<Route> getRoutes() {
        return definitions.getRouteDefinitions().collectList().map(this::routesOf).flatMapIterable(routes -> routes);
    }

    /** The definitions' routes, reusing those converted before; one refresh at a time. */
    synchronized List<Route> routesOf(List<RouteDefinition> routeDefinitions) {
        Map<RouteDefinition, Route> previous = converted;
        Map<RouteDefinition, Route> next = new HashMap<>(routeDefinitions.size() * 2);
        List<Route> routes = new ArrayList<>(routeDefinitions.size());
        for (RouteDefinition definition : routeDefinitions) {
            Route route = previous.get(definition);
            if (route == null) {
                route = convert(definition);
            }
            next.put(definition, route);
            routes.add(route);
        }
        converted = next;
        return routes;
    }

    private Route convert(RouteDefinition definition) {
        return Route.async(definition)
                .asyncPredicate(predicateOf(definition))
                .replaceFilters(filtersOf(definition))
                .build();
    }

    private AsyncPredicate<ServerWebExchange> predicateOf(RouteDefinition definition) {
        List<String> patterns = new ArrayList<>();
        for (PredicateDefinition predicate : definition.getPredicates()) {
            if (!"Path".equals(predicate.getName())) {
                throw new IllegalStateException("Tenant routes only use Path predicates, not " + predicate.getName());
            }
            patterns.addAll(predicate.getArgs().values());
        }
        return path.applyAsync(new PathRoutePredicateFactory.Config().setPatterns(patterns));
    }

    private List<GatewayFilter> filtersOf(RouteDefinition definition) {
        List<FilterDefinition> filterDefinitions = definition.getFilters();
        List<GatewayFilter> filters = new ArrayList<>(filterDefinitions.size());
        for (int i = 0; i < filterDefinitions.size(); i++) {
            FilterDefinition filterDefinition = filterDefinitions.get(i);
            GatewayFilterFactory<Object> factory = filterFactories.get(filterDefinition.getName());
            if (factory == null) {
                throw new IllegalStateException("No GatewayFilterFactory named " + filterDefinition.getName());
            }
            GatewayFilter filter = factory.apply(configOf(factory, filterDefinition, definition.getId()));
            // Same ordering as Spring Cloud Gateway: the position in the list, unless the filter orders itself.
            filters.add(filter instanceof Ordered ? filter : new OrderedGatewayFilter(filter, i + 1));
        }
        AnnotationAwareOrderComparator.sort(filters);
        return filters;
    }

    /** Sets each argument on the factory's JavaBean config; shortcut arguments go to the shortcut fields in order. */
    private static Object configOf(GatewayFilterFactory<Object> factory, FilterDefinition filter, String routeId) {
        Object config = factory.newConfig();
        BeanWrapper properties = PropertyAccessorFactory.forBeanPropertyAccess(config);
        List<String> shortcutFields = factory.shortcutFieldOrder();
        for (Map.Entry<String, String> argument : filter.getArgs().entrySet()) {
            String name = argument.getKey();
            if (name.startsWith(NameUtils.GENERATED_NAME_PREFIX)) {
                name = shortcutFields.get(Integer.parseInt(name.substring(NameUtils.GENERATED_NAME_PREFIX.length())));
            }
            properties.setPropertyValue(name, argument.getValue());
        }
        if (config instanceof HasRouteId hasRouteId) {
            hasRouteId.setRouteId(routeId);
        }
        return config;
    }
}
