package dev.mcpgateway.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.filter.factory.StripPrefixGatewayFilterFactory;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

class BackendPathFilterTests {

    private static final String BACKEND = "http://127.0.0.1:8001";

    @Test
    void forwardsThePathSpringCloudGatewaysStripPrefixWouldHaveForwarded() {
        for (String path : List.of("/tools/google/read_file", "/tools/google/read_file/", "/tools/google/",
                "/tools/google", "/tools/google/a/b/c?x=1&y=%20z", "/tools/google//a//b/", "/tools/google/a%2Fb",
                "/tools/google/%E2%9C%93?q=%E2%9C%93", "/tools/google/openapi.json?v=2")) {
            assertThat(urlSentBy(path, true)).as(path).isEqualTo(urlStripPrefixWouldSend(path));
        }
        assertThat(urlSentBy("/tools/google/a/b?x=1", true)).hasToString(BACKEND + "/a/b?x=1");
    }

    @Test
    void leavesRoutesWithoutATenantAlone() {
        assertThat(urlSentBy("/tools/google/read_file", false)).hasToString(BACKEND + "/tools/google/read_file");
    }

    @Test
    void runsRightAfterTheUrlIsBuiltBeforeAnyRoutingFilter() {
        assertThat(new BackendPathFilter().getOrder()).isEqualTo(RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1)
                .isLessThan(org.springframework.core.Ordered.LOWEST_PRECEDENCE - 1000);
    }

    private static URI urlSentBy(String path, boolean tenantRoute) {
        ServerWebExchange exchange = routed(path, tenantRoute);
        new RouteToRequestUrlFilter().filter(exchange, routed -> Mono.empty()).block(Duration.ofSeconds(5));
        AtomicReference<URI> sent = new AtomicReference<>();
        new BackendPathFilter().filter(exchange, routed -> {
            sent.set(routed.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR));
            return Mono.empty();
        }).block(Duration.ofSeconds(5));
        return sent.get();
    }

    private static URI urlStripPrefixWouldSend(String path) {
        GatewayFilter stripPrefix = new StripPrefixGatewayFilterFactory().apply(config -> config.setParts(2));
        AtomicReference<URI> sent = new AtomicReference<>();
        stripPrefix.filter(routed(path, false), stripped -> new RouteToRequestUrlFilter().filter(stripped, routed -> {
            sent.set(routed.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR));
            return Mono.empty();
        })).block(Duration.ofSeconds(5));
        return sent.get();
    }

    private static ServerWebExchange routed(String path, boolean tenantRoute) {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post(path));
        Route route = Route.async().id("tenant-google").uri(BACKEND).predicate(any -> true)
                .metadata(tenantRoute ? Map.of(TenantRouteDefinitionLocator.TENANT_METADATA, "google") : Map.of())
                .build();
        exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR, route);
        return exchange;
    }
}
