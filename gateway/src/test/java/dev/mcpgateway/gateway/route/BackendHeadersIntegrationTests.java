package dev.mcpgateway.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.gateway.support.HeaderEchoBackend;
import dev.mcpgateway.testing.TestPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.cloud.gateway.filter.NettyRoutingFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The whole gateway in front of a backend that echoes what it gets: the headers a route forwards are the caller's
 * end-to-end headers, read from Reactor Netty's own request in one copy, and the backend's hop-by-hop headers do not
 * reach the caller.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.vault.enabled=false",
        "mcpgateway.security.client-keys=" + BackendHeadersIntegrationTests.KEY})
@AutoConfigureWebTestClient
class BackendHeadersIntegrationTests {

    static final String KEY = "backend-headers-client-key-0123456789";
    private static final HeaderEchoBackend BACKEND = HeaderEchoBackend.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestPostgres::freshDatabaseUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        BACKEND.addRoute(registry);
    }

    @Autowired
    WebTestClient client;

    @Autowired
    NettyRoutingFilter routingFilter;

    @Test
    void theRoutingFilterCopiesHeadersOnceWithTheGatewaysFiltersOnly() {
        List<String> filters = routingFilter.getHeadersFilters().stream()
                .map(filter -> filter.getClass().getSimpleName()).toList();

        assertThat(filters).doesNotContain("RemoveHopByHopHeadersFilter", "GRPCRequestHeadersFilter",
                "RemoveForwardedHeadersFilter", "RemoveXForwardedHeadersFilter");
        assertThat(filters).contains("BackendRequestHeadersFilter", "BackendResponseHeadersFilter",
                "TransferEncodingNormalizationHeadersFilter", "GRPCResponseHeadersFilter");
    }

    @Test
    void forwardsEndToEndHeadersAndNeitherHopByHopNorForwardingOnes() {
        EntityExchangeResult<Map> result = client.mutate().responseTimeout(Duration.ofSeconds(30)).build()
                .post().uri("/tools/echo/read_file")
                .headers(headers -> {
                    headers.setBearerAuth(KEY);
                    headers.add("X-Request-Id", "r-1");
                    headers.add("X-Repeated", "one");
                    headers.add("X-Repeated", "two");
                    headers.add("Keep-Alive", "timeout=5");
                    headers.add("Proxy-Authorization", "Basic cHJveHk6c2VjcmV0");
                    headers.add("Forwarded", "for=203.0.113.7;host=attacker.example");
                    headers.add("X-Forwarded-For", "203.0.113.7");
                    headers.add("X-Forwarded-Host", "attacker.example");
                    headers.add("x-forwarded-proto", "https");
                    headers.add(HeaderEchoBackend.ANSWER_HEADER, "Keep-Alive: timeout=99");
                    headers.add(HeaderEchoBackend.ANSWER_HEADER, "Proxy-Authenticate: Basic realm=backend");
                    headers.add(HeaderEchoBackend.ANSWER_HEADER, "X-Application-Context: backend:8080");
                    headers.add(HeaderEchoBackend.ANSWER_HEADER, "X-Backend-Kept: yes");
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}")
                .exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult();

        @SuppressWarnings("unchecked")
        Map<String, List<String>> received = (Map<String, List<String>>) result.getResponseBody().get("headers");
        assertThat(received).containsKeys("x-request-id", "content-type", "content-length", "host")
                .doesNotContainKeys("keep-alive", "proxy-authorization", "forwarded", "x-forwarded-for",
                        "x-forwarded-host", "x-forwarded-proto", "authorization");
        assertThat(received.get("x-repeated")).containsExactly("one", "two");
        HttpHeaders answer = result.getResponseHeaders();
        assertThat(answer.getFirst("X-Backend-Kept")).isEqualTo("yes");
        assertThat(answer.containsHeader("Proxy-Authenticate")).isFalse();
        assertThat(answer.containsHeader("X-Application-Context")).isFalse();
        assertThat(answer.getFirst("Keep-Alive")).isNull();
    }
}
