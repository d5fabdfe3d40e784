package dev.mcpgateway.gateway.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgateway.gateway.error.ProblemErrorWebExceptionHandler;
import dev.mcpgateway.testing.FakeVault;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveHopByHopHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * The filter with the headers filter that writes what it resolved: the headers Spring Cloud Gateway's routing filter
 * sends the backend (after its own hop-by-hop filter), and what a refusal looks like.
 */
class VaultCredentialGatewayFilterFactoryTests {

    private FakeVault vault;
    private VaultCredentialGatewayFilterFactory factory;
    private final AtomicReference<HttpHeaders> forwarded = new AtomicReference<>();
    private final GatewayFilterChain chain = exchange -> {
        forwarded.set(HttpHeadersFilter.filterRequest(
                List.of(new RemoveHopByHopHeadersFilter(), new TenantCredentialHeadersFilter()), exchange));
        return Mono.empty();
    };

    @BeforeEach
    void start() {
        vault = FakeVault.start("root-token", "secret");
        factory = new VaultCredentialGatewayFilterFactory(
                TestCredentialCaches.over(vault, new SimpleMeterRegistry(), Clock.systemUTC()));
    }

    @AfterEach
    void stop() {
        vault.close();
    }

    @Test
    void replacesCallerSentCredentialsWithTheTenantsOwn() {
        vault.put("mcp-gateway/tenants/google", Map.of(
                "api_key", "tenant-key", "header.X-Api-Key", "tenant-x-key", "jira_url", "https://jira.google.example"));
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.post("/tools/google/read_file")
                .header(HttpHeaders.AUTHORIZATION, "Bearer caller-client-key")
                .header("X-Api-Key", "caller-spoof")
                .header("x-tenant-jira-url", "https://attacker.example")
                .header("X-Tenant-Admin", "yes")
                .header("X-Request-Id", "kept"));

        filterFor("google").filter(exchange, chain).block(Duration.ofSeconds(10));

        HttpHeaders headers = forwarded.get();
        assertThat(headers.get(HttpHeaders.AUTHORIZATION)).containsExactly("Bearer tenant-key");
        assertThat(headers.get("X-Api-Key")).containsExactly("tenant-x-key");
        assertThat(headers.get("X-Tenant-Jira-Url")).containsExactly("https://jira.google.example");
        assertThat(headers.containsHeader("X-Tenant-Admin")).isFalse();
        assertThat(headers.get("X-Request-Id")).containsExactly("kept");
    }

    @Test
    void dropsCallerSentCredentialsForATenantWithoutSecrets() {
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.post("/tools/google/read_file")
                .header(HttpHeaders.AUTHORIZATION, "Bearer caller-client-key")
                .header("X-Tenant-Api-Key", "caller-spoof"));

        filterFor("google").filter(exchange, chain).block(Duration.ofSeconds(10));

        assertThat(forwarded.get().containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
        assertThat(forwarded.get().containsHeader("X-Tenant-Api-Key")).isFalse();
    }

    @Test
    void answersServiceUnavailableProblemWhenVaultIsDownAndNothingIsCached() {
        vault.put("mcp-gateway/tenants/google", Map.of("api_key", "tenant-key"));
        vault.seal();
        MockServerWebExchange exchange = exchange(MockServerHttpRequest.post("/tools/google/read_file"));

        filterFor("google").filter(exchange, chain)
                .onErrorResume(refusal -> new ProblemErrorWebExceptionHandler().handle(exchange, refusal))
                .block(Duration.ofSeconds(10));

        assertThat(forwarded.get()).as("request forwarded").isNull();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        String body = exchange.getResponse().getBodyAsString().block(Duration.ofSeconds(5));
        assertThat(body).contains("\"status\":503", "\"tenant\":\"google\"",
                "credentials for tenant 'google' are unavailable; try again shortly");
        assertThat(body).doesNotContain("tenant-key", "Vault is sealed", "root-token");
    }

    @Test
    void refusesARouteConfiguredWithoutAValidTenant() {
        assertThatThrownBy(() -> factory.apply(new VaultCredentialGatewayFilterFactory.Config()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> factory.apply(new VaultCredentialGatewayFilterFactory.Config().setTenant("../x")))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void takesTheTenantAsItsShortcutArgument() {
        assertThat(factory.name()).isEqualTo("VaultCredential");
        assertThat(factory.shortcutFieldOrder()).containsExactly("tenant");
    }

    @Test
    void namesItsTenantWhereRoutesAreListed() {
        assertThat(filterFor("google")).hasToString("[VaultCredential tenant = 'google']");
        assertThat(new VaultCredentialGatewayFilterFactory.Config().setTenant("google").toString()).contains("tenant = 'google'");
    }

    private GatewayFilter filterFor(String tenant) {
        return factory.apply(new VaultCredentialGatewayFilterFactory.Config().setTenant(tenant));
    }

    private static MockServerWebExchange exchange(MockServerHttpRequest.BaseBuilder<?> request) {
        return MockServerWebExchange.from(request);
    }
}
