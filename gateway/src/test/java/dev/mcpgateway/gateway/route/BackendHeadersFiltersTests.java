package dev.mcpgateway.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.DefaultListableBeanFactory;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;

/**
 * The one copy of a call's headers a route forwards, and the answer's headers on the way back (the real gateway's
 * copy from Reactor Netty's own headers: BackendHeadersIntegrationTests).
 */
class BackendHeadersFiltersTests {

    private final BackendRequestHeadersFilter request = new BackendRequestHeadersFilter();
    private final BackendResponseHeadersFilter response = new BackendResponseHeadersFilter();

    @Test
    void forwardsEveryEndToEndHeaderWithAllItsValues() {
        ServerWebExchange exchange = exchange(MockServerHttpRequest.post("/tools/google/read_file")
                .header("Content-Type", "application/json")
                .header("X-Request-Id", "r-1")
                .header("Accept", "application/json", "text/plain")
                .header("X-Forwarded", "not a forwarding header")
                .header("Forwarded-Not", "neither"));

        HttpHeaders sent = HttpHeadersFilter.filterRequest(List.of(request), exchange);

        assertThat(sent.toSingleValueMap()).containsOnlyKeys("Content-Type", "X-Request-Id", "Accept", "X-Forwarded",
                "Forwarded-Not");
        assertThat(sent.get("Accept")).containsExactly("application/json", "text/plain");
        assertThat(sent).isNotSameAs(exchange.getRequest().getHeaders());
    }

    @Test
    void dropsHopByHopHeadersTheOnesConnectionNamesAndForwardingHeadersInAnyCase() {
        ServerWebExchange exchange = exchange(MockServerHttpRequest.post("/tools/google/read_file")
                .header("connection", "keep-alive, X-Hop-Only ,")
                .header("Keep-Alive", "timeout=5")
                .header("X-HOP-ONLY", "1")
                .header("Transfer-Encoding", "chunked")
                .header("TE", "trailers")
                .header("Trailer", "X-Checksum")
                .header("Proxy-Authorization", "Basic cHJveHk6c2VjcmV0")
                .header("Proxy-Authenticate", "Basic")
                .header("X-Application-Context", "app")
                .header("Upgrade", "websocket")
                .header("Forwarded", "for=203.0.113.7")
                .header("x-forwarded-for", "203.0.113.7")
                .header("X-Forwarded-Host", "attacker.example")
                .header("X-Forwarded-Anything", "x")
                .header("X-Kept", "yes"));

        HttpHeaders sent = HttpHeadersFilter.filterRequest(List.of(request), exchange);

        assertThat(sent.toSingleValueMap()).containsOnlyKeys("X-Kept");
    }

    @Test
    void tellsAGrpcBackendThatTheCallerAcceptsTrailers() {
        HttpHeaders sent = HttpHeadersFilter.filterRequest(List.of(request), exchange(
                MockServerHttpRequest.post("/tools/google/Greeter/SayHello")
                        .header("Content-Type", "application/grpc+proto")
                        .header("TE", "gzip")));

        assertThat(sent.get("TE")).containsExactly("trailers");
        assertThat(HttpHeadersFilter.filterRequest(List.of(request), exchange(
                MockServerHttpRequest.post("/tools/google/read_file").header("Content-Type", "application/json"))).get("TE"))
                .isNull();
    }

    @Test
    void copiesWhatAnEarlierFilterHandedOnNotTheRequestAsItArrived() {
        ServerWebExchange exchange = exchange(MockServerHttpRequest.post("/tools/google/read_file")
                .header("X-Request-Id", "as-sent").header("Keep-Alive", "timeout=5"));
        HttpHeaders earlier = new HttpHeaders();
        earlier.add("X-Request-Id", "changed");
        earlier.add("Keep-Alive", "timeout=5");

        HttpHeaders sent = request.filter(earlier, exchange);

        assertThat(sent.toSingleValueMap()).containsExactly(Map.entry("X-Request-Id", "changed"));
    }

    @Test
    void removesHopByHopHeadersFromTheAnswerInTheRoutingFiltersCopy() {
        HttpHeaders answer = new HttpHeaders();
        answer.add("Content-Type", "application/json");
        answer.add("Connection", "keep-alive, X-Backend-Hop");
        answer.add("X-Backend-Hop", "1");
        answer.add("keep-alive", "timeout=5");
        answer.add("Transfer-Encoding", "chunked");
        answer.add("Proxy-Authenticate", "Basic");
        answer.add("X-Application-Context", "backend:8080");
        answer.add("X-Kept", "yes");
        ServerWebExchange exchange = exchange(MockServerHttpRequest.post("/tools/google/read_file"));

        HttpHeaders returned = HttpHeadersFilter.filter(List.of(request, response), answer, exchange,
                HttpHeadersFilter.Type.RESPONSE);

        assertThat(returned).isSameAs(answer);
        assertThat(returned.toSingleValueMap()).containsOnlyKeys("Content-Type", "X-Kept");
        assertThat(response.supports(HttpHeadersFilter.Type.REQUEST)).isFalse();
        assertThat(request.supports(HttpHeadersFilter.Type.RESPONSE)).isFalse();
    }

    @Test
    void takesSpringCloudGatewaysCopyingHeaderFiltersOutOfTheContext() {
        DefaultListableBeanFactory registry = new DefaultListableBeanFactory();
        for (String name : List.of("removeHopByHopHeadersFilter", "gRPCRequestHeadersFilter",
                "removeForwardedHeadersFilter", "removeXForwardedHeadersFilter", "transferEncodingNormalizationHeadersFilter")) {
            registry.registerBeanDefinition(name, new RootBeanDefinition(Object.class));
        }

        new ReplacedHeaderFilters().postProcessBeanDefinitionRegistry(registry);

        assertThat(registry.getBeanDefinitionNames()).containsExactly("transferEncodingNormalizationHeadersFilter");
    }

    @Test
    void failsTheStartWhenSpringCloudGatewayNoLongerDefinesAFilterItReplaces() {
        DefaultListableBeanFactory registry = new DefaultListableBeanFactory();
        registry.registerBeanDefinition("gRPCRequestHeadersFilter", new RootBeanDefinition(Object.class));

        assertThatThrownBy(() -> new ReplacedHeaderFilters().postProcessBeanDefinitionRegistry(registry))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("removeHopByHopHeadersFilter");
    }

    private static ServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request) {
        return MockServerWebExchange.from(request);
    }
}
