package dev.mcpgateway.gateway.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgateway.gateway.GatewayApplication;
import dev.mcpgateway.testing.FakeVault;
import dev.mcpgateway.testing.TestPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The whole gateway (real Postgres, Spring Cloud Vault against the KV v2 stand-in) in front of a backend that echoes
 * the headers it receives: tenant credentials arrive, callers' look-alikes do not, and Vault outages behave as
 * documented. The Vault address is given on the command line because Spring Cloud Vault reads it before any
 * test property source exists.
 */
@ExtendWith(OutputCaptureExtension.class)
class VaultCredentialIntegrationTests {

    private static final String TOKEN = "integration-root-token";
    private static final String CLIENT_KEY = "integration-client-key";
    private static final List<String> TENANTS = List.of("google", "microsoft", "company-c", "acme");

    private static FakeVault vault;
    private static HeaderEchoBackend backend;
    private static ConfigurableApplicationContext gateway;
    private static WebTestClient client;

    @BeforeAll
    static void startGateway() {
        vault = FakeVault.start(TOKEN, "secret");
        backend = HeaderEchoBackend.start();
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.datasource.url=" + TestPostgres.freshDatabaseUrl(),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--spring.cloud.vault.uri=" + vault.uri(),
                "--spring.cloud.vault.token=" + TOKEN,
                "--mcpgateway.security.client-keys=" + CLIENT_KEY,
                "--mcpgateway.vault.cache-ttl=200ms",
                "--mcpgateway.vault.grace-period=15m"));
        for (int i = 0; i < TENANTS.size(); i++) {
            String route = "--spring.cloud.gateway.server.webflux.routes[" + i + "].";
            args.add(route + "id=" + TENANTS.get(i));
            args.add(route + "uri=" + backend.uri());
            args.add(route + "predicates[0]=Path=/tools/" + TENANTS.get(i) + "/**");
            args.add(route + "filters[0]=VaultCredential=" + TENANTS.get(i));
            args.add(route + "filters[1]=StripPrefix=2");
        }
        gateway = new SpringApplicationBuilder(GatewayApplication.class).run(args.toArray(String[]::new));
        client = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port"))
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + CLIENT_KEY)
                .responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
        backend.close();
        vault.close();
    }

    @Test
    void addsTheTenantsCredentialsAndDropsTheCallersLookAlikes() {
        vault.put("mcp-gateway/tenants/google", Map.of(
                "api_key", "google-api-key", "header.X-Api-Key", "google-x-api-key", "jira_url", "https://jira.google.example"));

        Map<String, List<String>> received = headersReceivedFor(client.post().uri("/tools/google/read_file")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + CLIENT_KEY)
                .header("X-Api-Key", "caller-spoof")
                .header("X-Tenant-Jira-Url", "https://attacker.example")
                .header("X-Tenant-Admin", "yes")
                .header("X-Request-Id", "r-1")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"path\":\"/tmp/a\"}"));

        assertThat(received.get("authorization")).containsExactly("Bearer google-api-key");
        assertThat(received.get("x-api-key")).containsExactly("google-x-api-key");
        assertThat(received.get("x-tenant-jira-url")).containsExactly("https://jira.google.example");
        assertThat(received).doesNotContainKey("x-tenant-admin");
        assertThat(received.toString()).doesNotContain(CLIENT_KEY, "caller-spoof", "attacker");
        assertThat(received.get("x-request-id")).containsExactly("r-1");
    }

    @Test
    void keepsServingCachedCredentialsWhileVaultIsDown(CapturedOutput output) {
        vault.put("mcp-gateway/tenants/company-c", Map.of("api_key", "company-c-api-key"));
        assertThat(headersReceivedFor(client.post().uri("/tools/company-c/search")).get("authorization"))
                .containsExactly("Bearer company-c-api-key");
        double failuresBefore = vaultReads("failure");
        vault.seal();
        try {
            // Each call is answered from the cache; once the 200 ms TTL has passed, one of them starts a refresh that fails.
            await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(100)).until(() -> {
                assertThat(headersReceivedFor(client.post().uri("/tools/company-c/search")).get("authorization"))
                        .containsExactly("Bearer company-c-api-key");
                return vaultReads("failure") > failuresBefore;
            });
        } finally {
            vault.unseal();
        }
        assertThat(output).contains("Could not refresh credentials for tenant 'company-c' from Vault");
        assertThat(output).doesNotContain("company-c-api-key");
    }

    @Test
    void answersServiceUnavailableForATenantWithNothingCachedWhileVaultIsDown(CapturedOutput output) {
        vault.put("mcp-gateway/tenants/microsoft", Map.of("api_key", "microsoft-api-key"));
        vault.seal();
        try {
            String body = client.post().uri("/tools/microsoft/send_mail").exchange()
                    .expectStatus().isEqualTo(503)
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody(String.class).returnResult().getResponseBody();
            assertThat(body).contains("credentials for tenant 'microsoft' are unavailable; try again shortly",
                    "\"tenant\":\"microsoft\"");
            assertThat(body).doesNotContain("microsoft-api-key", "sealed", TOKEN);
        } finally {
            vault.unseal();
        }
        assertThat(headersReceivedFor(client.post().uri("/tools/microsoft/send_mail")).get("authorization"))
                .containsExactly("Bearer microsoft-api-key");
        assertThat(output).doesNotContain("microsoft-api-key");
    }

    @Test
    void exposesCacheMetricsWithoutSecretsAndNoEnvironmentEndpoints() {
        vault.put("mcp-gateway/tenants/acme", Map.of("api_key", "acme-api-key"));
        headersReceivedFor(client.post().uri("/tools/acme/read_file"));

        String metrics = client.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();

        assertThat(metrics).contains("mcpgateway_vault_cache_total{result=\"miss\"}", "mcpgateway_vault_reads_total");
        assertThat(metrics).doesNotContain("acme-api-key", TOKEN);
        for (String endpoint : List.of("/actuator/env", "/actuator/configprops", "/actuator/gateway/routes")) {
            client.get().uri(endpoint).exchange().expectStatus().isNotFound();
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, List<String>> headersReceivedFor(WebTestClient.RequestHeadersSpec<?> request) {
        Map<String, Object> echo = request.exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return (Map<String, List<String>>) echo.get("headers");
    }

    private static double vaultReads(String outcome) {
        String metrics = client.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
        Matcher value = Pattern.compile("mcpgateway_vault_reads_total\\{outcome=\"" + outcome + "\"} (\\S+)")
                .matcher(metrics);
        return value.find() ? Double.parseDouble(value.group(1)) : 0;
    }
}
