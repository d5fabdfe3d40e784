package dev.mcpgateway.gateway.credential;

import static dev.mcpgateway.gateway.credential.GatewayInFrontOfEchoBackend.headersReceivedFor;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.http.MediaType;
import org.springframework.http.client.SimpleClientHttpRequestFactory;
import org.springframework.test.web.reactive.server.WebTestClient;
import org.springframework.vault.authentication.SimpleSessionManager;
import org.springframework.vault.authentication.TokenAuthentication;
import org.springframework.vault.client.VaultEndpoint;
import org.springframework.vault.core.VaultTemplate;
import org.springframework.vault.core.VaultVersionedKeyValueOperations;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.vault.VaultContainer;

/**
 * {@link VaultCredentialIntegrationTests} against a real Vault (dev mode, KV v2 at {@code secret/}) in a container.
 * Runs only where a Docker engine exists; elsewhere it is skipped and the KV v2 stand-in covers the same ground.
 */
@Testcontainers(disabledWithoutDocker = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class VaultContainerCredentialIntegrationTests {

    private static final String TOKEN = "container-root-token";

    @Container
    private static final VaultContainer<?> VAULT = new VaultContainer<>("hashicorp/vault:1.17").withVaultToken(TOKEN);

    private static VaultVersionedKeyValueOperations secrets;
    private static GatewayInFrontOfEchoBackend gateway;
    private static WebTestClient client;

    @BeforeAll
    static void startGateway() {
        secrets = new VaultTemplate(VaultEndpoint.from(URI.create(VAULT.getHttpHostAddress())),
                new SimpleClientHttpRequestFactory(), new SimpleSessionManager(new TokenAuthentication(TOKEN)))
                .opsForVersionedKeyValue("secret");
        gateway = GatewayInFrontOfEchoBackend.start(VAULT.getHttpHostAddress(), TOKEN, Duration.ofMillis(200),
                List.of("google", "microsoft", "company-c", "acme"));
        client = gateway.client();
    }

    @AfterAll
    static void stopGateway() {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    @Order(1)
    void addsTheTenantsCredentialsFromVaultAndDropsTheCallersLookAlikes() {
        secrets.put("mcp-gateway/tenants/google", Map.of("api_key", "google-api-key", "jira_url", "https://jira.google.example"));

        Map<String, List<String>> received = headersReceivedFor(client.post().uri("/tools/google/read_file")
                .header("X-Tenant-Jira-Url", "https://attacker.example")
                .header("X-Tenant-Admin", "yes")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}"));

        assertThat(received.get("authorization")).containsExactly("Bearer google-api-key");
        assertThat(received.get("x-tenant-jira-url")).containsExactly("https://jira.google.example");
        assertThat(received).doesNotContainKey("x-tenant-admin");
    }

    @Test
    @Order(2)
    void givesNoCredentialsForASoftDeletedSecret() {
        secrets.put("mcp-gateway/tenants/microsoft", Map.of("api_key", "microsoft-api-key"));
        secrets.delete("mcp-gateway/tenants/microsoft");

        Map<String, List<String>> received = headersReceivedFor(client.post().uri("/tools/microsoft/send_mail")
                .header("X-Tenant-Api-Key", "caller-spoof"));

        assertThat(received).doesNotContainKeys("authorization", "x-tenant-api-key");
    }

    @Test
    @Order(3)
    void keepsServingCachedCredentialsAndRefusesUncachedTenantsOnceVaultStops() {
        secrets.put("mcp-gateway/tenants/company-c", Map.of("api_key", "company-c-api-key"));
        secrets.put("mcp-gateway/tenants/acme", Map.of("api_key", "acme-api-key"));
        headersReceivedFor(client.post().uri("/tools/company-c/search"));
        double failuresBefore = gateway.vaultCache("failure");
        VAULT.stop();

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200)).until(() -> {
            assertThat(headersReceivedFor(client.post().uri("/tools/company-c/search")).get("authorization"))
                    .containsExactly("Bearer company-c-api-key");
            return gateway.vaultCache("failure") > failuresBefore;
        });
        client.post().uri("/tools/acme/search").exchange()
                .expectStatus().isEqualTo(503)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
    }
}
