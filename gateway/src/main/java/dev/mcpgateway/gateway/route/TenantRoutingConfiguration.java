package dev.mcpgateway.gateway.route;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.cloud.gateway.handler.RoutePredicateHandlerMapping;
import org.springframework.cloud.gateway.route.RouteLocator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.web.reactive.accept.ApiVersionStrategy;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;

/**
 * Replaces Spring Cloud Gateway's one-by-one route matching with the tenant-indexed lookup (it backs off for ours),
 * ordered before the functional endpoints' mapping, which it leaves the requests those endpoints answer; and has
 * the headers a route forwards copied once ({@link ReplacedHeaderFilters}).
 */
@Configuration(proxyBeanMethods = false)
class TenantRoutingConfiguration {

    @Bean
    RoutePredicateHandlerMapping tenantRoutePredicateHandlerMapping(FilteringWebHandler webHandler,
            RouteLocator routeLocator, GlobalCorsProperties globalCorsProperties, Environment environment,
            ObjectProvider<ApiVersionStrategy> apiVersionStrategy, ObjectProvider<RouterFunctionMapping> endpoints) {
        TenantRoutePredicateHandlerMapping mapping = new TenantRoutePredicateHandlerMapping(webHandler, routeLocator,
                globalCorsProperties, environment, new FunctionalEndpoints(() -> endpoints.orderedStream().findFirst().orElse(null)));
        apiVersionStrategy.ifAvailable(mapping::setApiVersionStrategy);
        return mapping;
    }

    /** Static: it edits bean definitions, before this configuration's own beans exist. */
    @Bean
    static ReplacedHeaderFilters replacedHeaderFilters() {
        return new ReplacedHeaderFilters();
    }
}
