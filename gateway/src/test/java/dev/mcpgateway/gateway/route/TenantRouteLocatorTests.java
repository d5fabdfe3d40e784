package dev.mcpgateway.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.gateway.directory.BackendType;
import dev.mcpgateway.gateway.directory.TenancySnapshot;
import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.gateway.directory.TenantDirectory;
import dev.mcpgateway.gateway.membership.TenantMembershipGatewayFilterFactory;
import dev.mcpgateway.policy.AccessLevel;
import dev.mcpgateway.policy.TenantPolicy;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.webflux.autoconfigure.WebFluxProperties;
import org.springframework.cloud.gateway.filter.OrderedGatewayFilter;
import org.springframework.cloud.gateway.filter.factory.StripPrefixGatewayFilterFactory;
import org.springframework.cloud.gateway.handler.predicate.PathRoutePredicateFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

class TenantRouteLocatorTests {

    private final TenantDirectory directory = new TenantDirectory();
    private final TenantRouteLocator locator = new TenantRouteLocator(directory,
            List.of(new TenantMembershipGatewayFilterFactory(directory), new StripPrefixGatewayFilterFactory(),
                    new TenantRouteDefinitionLocatorTests.VaultCredentialGatewayFilterFactory()),
            new PathRoutePredicateFactory(new WebFluxProperties()));

    @Test
    void buildsEachTenantsRouteWithItsPredicateAndFiltersInOrder() {
        directory.replace(snapshotOf(3));

        List<Route> routes = locator.getRoutes().collectList().block();

        assertThat(routes).extracting(Route::getId).containsExactly("tenant-t0", "tenant-t1", "tenant-t2");
        Route route = routes.get(1);
        assertThat(route.getUri()).isEqualTo(URI.create("http://127.0.0.1:8001"));
        assertThat(matches(route, "/tools/t1/read_file")).isTrue();
        assertThat(matches(route, "/tools/t1")).isTrue();
        assertThat(matches(route, "/tools/t10/read_file")).isFalse();
        // Membership and credentials; no StripPrefix, though it exists (BackendPathFilter strips the prefix).
        assertThat(route.getFilters()).hasSize(2)
                .allSatisfy(filter -> assertThat(filter).isInstanceOf(OrderedGatewayFilter.class))
                .extracting(filter -> ((OrderedGatewayFilter) filter).getOrder()).containsExactly(1, 2);
    }

    @Test
    void reusesTheRoutesOfTenantsThatDidNotChange() {
        directory.replace(snapshotOf(3));
        List<Route> before = locator.getRoutes().collectList().block();
        Map<String, Tenant> tenants = new HashMap<>(directory.current().tenants());
        tenants.put("t2", tenant("t2", "http://127.0.0.1:9999"));
        directory.replace(new TenancySnapshot(tenants, Map.of(), Map.of()));

        List<Route> after = locator.getRoutes().collectList().block();

        assertThat(after.get(0)).isSameAs(before.get(0));
        assertThat(after.get(1)).isSameAs(before.get(1));
        assertThat(after.get(2)).isNotSameAs(before.get(2));
        assertThat(after.get(2).getUri()).isEqualTo(URI.create("http://127.0.0.1:9999"));
    }

    @Test
    void convertsTenThousandTenantsInSeconds() {
        directory.replace(snapshotOf(10_000));
        long started = System.nanoTime();

        List<Route> routes = locator.getRoutes().collectList().block();

        assertThat(routes).hasSize(10_000);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(20));
    }

    private static boolean matches(Route route, String path) {
        return Mono.from(route.getPredicate().apply(MockServerWebExchange.from(MockServerHttpRequest.post(path).build())))
                .block();
    }

    private static TenancySnapshot snapshotOf(int count) {
        Map<String, Tenant> tenants = new HashMap<>();
        for (int i = 0; i < count; i++) {
            tenants.put("t" + i, tenant("t" + i, "http://127.0.0.1:8001"));
        }
        return new TenancySnapshot(tenants, Map.of(), Map.of());
    }

    private static Tenant tenant(String id, String url) {
        return new Tenant(id, id, URI.create(url), BackendType.OPENAPI, true, false,
                new TenantPolicy(AccessLevel.READ, List.of()));
    }
}
