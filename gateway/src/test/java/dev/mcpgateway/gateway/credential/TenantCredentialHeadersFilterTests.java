package dev.mcpgateway.gateway.credential;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

/** The headers filter alone: which calls it changes and that it never writes into the request's own headers. */
class TenantCredentialHeadersFilterTests {

    private final TenantCredentialHeadersFilter filter = new TenantCredentialHeadersFilter();

    @Test
    void leavesTheHeadersOfCallsWithoutResolvedCredentialsAsTheyAre() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/plain/read_file")
                .header(HttpHeaders.AUTHORIZATION, "Bearer kept-for-a-route-without-credentials"));
        HttpHeaders input = exchange.getRequest().getHeaders();

        assertThat(filter.filter(input, exchange)).isSameAs(input);
    }

    @Test
    void writesTheTenantsCredentialsIntoACopyWhenHandedTheRequestsOwnHeaders() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/tools/google/read_file")
                .header(HttpHeaders.AUTHORIZATION, "Bearer caller-client-key")
                .header("X-Tenant-Admin", "yes")
                .header("X-Request-Id", "kept"));
        exchange.getAttributes().put(VaultCredentialGatewayFilterFactory.TENANT_HEADERS_ATTRIBUTE,
                new TenantHeaders(Map.of(HttpHeaders.AUTHORIZATION, "Bearer tenant-key")));

        HttpHeaders sent = filter.filter(exchange.getRequest().getHeaders(), exchange);

        assertThat(sent.get(HttpHeaders.AUTHORIZATION)).containsExactly("Bearer tenant-key");
        assertThat(sent.containsHeader("X-Tenant-Admin")).isFalse();
        assertThat(sent.get("X-Request-Id")).containsExactly("kept");
        assertThat(exchange.getRequest().getHeaders().get(HttpHeaders.AUTHORIZATION))
                .as("the request itself is unchanged").containsExactly("Bearer caller-client-key");
    }
}
