package dev.mcpgateway.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgateway.gateway.error.GatewayProblem;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.config.GlobalCorsProperties;
import org.springframework.cloud.gateway.handler.FilteringWebHandler;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.http.HttpMethod;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.reactive.function.server.RequestPredicates;
import org.springframework.web.reactive.function.server.RouterFunctions;
import org.springframework.web.reactive.function.server.ServerResponse;
import org.springframework.web.reactive.function.server.support.RouterFunctionMapping;
import reactor.core.publisher.Flux;

class TenantRoutePredicateHandlerMappingTests {

    private static final int TENANTS = 10_000;

    private final AtomicInteger predicateCalls = new AtomicInteger();
    private final List<Route> routes = new ArrayList<>();
    private TenantRoutePredicateHandlerMapping mapping;
    private RouterFunctionMapping endpoints;

    @BeforeEach
    void tenThousandTenantRoutesAndOneOther() throws Exception {
        for (int i = 0; i < TENANTS; i++) {
            String tenant = "tenant-" + i;
            routes.add(Route.async().id("tenant-" + tenant).uri("http://127.0.0.1:9")
                    .predicate(exchange -> {
                        predicateCalls.incrementAndGet();
                        return exchange.getRequest().getPath().value().startsWith("/tools/" + tenant + "/");
                    })
                    .metadata(TenantRouteDefinitionLocator.TENANT_METADATA, tenant)
                    .build());
        }
        routes.add(Route.async().id("status").uri("http://127.0.0.1:9")
                .predicate(exchange -> exchange.getRequest().getPath().value().equals("/status")).build());
        endpoints = new RouterFunctionMapping(RouterFunctions.route()
                .GET("/tools/{tenant}/openapi.json", request -> ServerResponse.ok().build())
                .route(RequestPredicates.path("/tools/{tenant}/mcp")
                        .and(request -> request.pathVariable("tenant").equals("tenant-1")), request -> ServerResponse.ok().build())
                .POST("/mcp", request -> ServerResponse.ok().build())
                .build());
        endpoints.afterPropertiesSet();
        mapping = new TenantRoutePredicateHandlerMapping(new FilteringWebHandler(List.of(), false),
                () -> Flux.fromIterable(routes), new GlobalCorsProperties(), new MockEnvironment(),
                new FunctionalEndpoints(() -> endpoints));
        mapping.rebuildIndex(routes);
    }

    @Test
    void leavesTheFunctionalEndpointsTheRequestsTheyAnswer() {
        for (MockServerWebExchange exchange : List.of(exchange(HttpMethod.GET, "/tools/tenant-0/openapi.json"),
                exchange("/tools/tenant-1/mcp"), exchange("/mcp"))) {
            assertThat(mapping.lookupRoute(exchange).block()).isNull();
            // ... and their mapping, asked next by the dispatcher, still finds its handler on the same exchange
            assertThat(endpoints.getHandler(exchange).block()).as(exchange.getRequest().getPath().value()).isNotNull();
        }
        assertThat(predicateCalls).hasValue(0);
    }

    @Test
    void routesToolCallsTheEndpointsDoNotAnswerEvenOnTheirPaths() {
        assertThat(mapping.lookupRoute(exchange("/tools/tenant-0/openapi.json")).block().getId())
                .as("POST: the endpoint only answers GET").isEqualTo("tenant-tenant-0");
        assertThat(mapping.lookupRoute(exchange("/tools/tenant-0/mcp")).block().getId())
                .as("the endpoint only answers tenant-1 there").isEqualTo("tenant-tenant-0");
    }

    @Test
    void runsBeforeTheFunctionalEndpointsMapping() {
        assertThat(mapping.getOrder()).isLessThan(-1); // WebFlux orders RouterFunctionMapping at -1
    }

    @Test
    void findsTheLastOfTenThousandTenantsByTestingOnlyItsRoute() {
        Route route = mapping.lookupRoute(exchange("/tools/tenant-9999/read_file")).block();

        assertThat(route.getId()).isEqualTo("tenant-tenant-9999");
        assertThat(predicateCalls).hasValue(1);
    }

    @Test
    void stillTestsTheRoutesOwnPredicate() {
        routes.set(0, Route.async().id("tenant-tenant-0").uri("http://127.0.0.1:9")
                .predicate(exchange -> false).metadata(TenantRouteDefinitionLocator.TENANT_METADATA, "tenant-0").build());
        mapping.rebuildIndex(routes);

        assertThatThrownBy(() -> mapping.lookupRoute(exchange("/tools/tenant-0/read_file")).block())
                .isInstanceOfSatisfying(GatewayProblem.class, problem -> assertThat(problem.status().value()).isEqualTo(404));
    }

    @Test
    void answersUnknownTenantsWithNotFoundNamingOnlyThatTenant() {
        assertThatThrownBy(() -> mapping.lookupRoute(exchange("/tools/nope/read_file")).block())
                .isInstanceOfSatisfying(GatewayProblem.class, problem -> {
                    assertThat(problem.status().value()).isEqualTo(404);
                    assertThat(problem.problem().getProperties()).containsEntry("tenant", "nope");
                    assertThat(problem.problem().getDetail()).isEqualTo("tenant 'nope' does not exist or is disabled");
                });
        assertThat(predicateCalls).hasValue(0);
    }

    @Test
    void doesNotEchoSegmentsThatAreNoTenantId() {
        assertThatThrownBy(() -> mapping.lookupRoute(exchange("/tools/%3Cscript%3E/x")).block())
                .isInstanceOfSatisfying(GatewayProblem.class, problem -> {
                    assertThat(problem.problem().getProperties()).isNull();
                    assertThat(problem.problem().getDetail()).isEqualTo("no such tenant");
                });
    }

    @Test
    void matchesRoutesWithoutATenantOneByOne() {
        assertThat(mapping.lookupRoute(exchange("/status")).block().getId()).isEqualTo("status");
        assertThat(mapping.lookupRoute(exchange("/elsewhere")).block()).isNull();
        assertThat(predicateCalls).hasValue(0);
    }

    @Test
    void findsTheTenantSegment() {
        assertThat(TenantRoutePredicateHandlerMapping.tenantSegment("/tools/google/read_file")).isEqualTo("google");
        assertThat(TenantRoutePredicateHandlerMapping.tenantSegment("/tools/google")).isEqualTo("google");
        assertThat(TenantRoutePredicateHandlerMapping.tenantSegment("/tools/")).isNull();
        assertThat(TenantRoutePredicateHandlerMapping.tenantSegment("/tools")).isNull();
        assertThat(TenantRoutePredicateHandlerMapping.tenantSegment("/toolsx/google")).isNull();
    }

    private static MockServerWebExchange exchange(String path) {
        return exchange(HttpMethod.POST, path);
    }

    private static MockServerWebExchange exchange(HttpMethod method, String path) {
        return MockServerWebExchange.from(MockServerHttpRequest.method(method, path).build());
    }
}
