package dev.mcpgateway.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JWSAlgorithm;
import dev.mcpgateway.gateway.support.ManagementPort;
import dev.mcpgateway.policy.KeyHashes;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Date;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Signed identity, trusted plain headers, client keys from configuration and from the database (picked up and revoked
 * without a restart, last use recorded), and what reaches the backend.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.vault.enabled=false",
        "mcpgateway.identity.openwebui-jwt-secret=" + OpenWebUiTokens.SECRET,
        "mcpgateway.identity.trust-plain-headers=true",
        "mcpgateway.security.client-keys=" + CallerIdentityIntegrationTests.CONFIG_KEY})
class CallerIdentityIntegrationTests extends EchoRouteIntegrationTest {

    static final String CONFIG_KEY = "config-client-key-0123456789abcdef";

    @LocalServerPort
    private int port;

    @Autowired
    private JdbcTemplate jdbc;

    @Autowired
    private Environment environment;

    @Autowired
    private ClientKeys clientKeys;

    @Autowired
    private ClientKeyUsage clientKeyUsage;

    @Test
    void resolvesIdentityFromValidSignedToken() {
        Map<String, String> seen = callTool(headers -> {
            headers.setBearerAuth(CONFIG_KEY);
            headers.set(OpenWebUiTokens.HEADER, OpenWebUiTokens.forUser(OpenWebUiTokens.SECRET, "u-1", "John@Company.com", "John Doe", "admin"));
            headers.set("X-OpenWebUI-Chat-Id", "chat-1");
            headers.set("X-OpenWebUI-Message-Id", "msg-1");
        });

        assertThat(seen).containsEntry("x-seen-email", "john@company.com")
                .containsEntry("x-seen-user-id", "u-1")
                .containsEntry("x-seen-name", "John Doe")
                .containsEntry("x-seen-role", "admin")
                .containsEntry("x-seen-chat-id", "chat-1")
                .containsEntry("x-seen-message-id", "msg-1")
                .containsEntry("x-seen-identity-client", "config-key-1");
    }

    @Test
    void refusesTokenSignedWithAnotherSecret() {
        assertRefusedWithKey(OpenWebUiTokens.forUser("another-secret-long-enough-for-hs256-0123456789abcdef", "admin@company.com"));
    }

    @Test
    void refusesTokenExpiredBeyondClockSkew() {
        Instant now = Instant.now();
        assertRefusedWithKey(OpenWebUiTokens.sign(OpenWebUiTokens.SECRET, OpenWebUiTokens.claims("john@company.com")
                .issueTime(Date.from(now.minusSeconds(400))).expirationTime(Date.from(now.minusSeconds(60))).build()));
    }

    @Test
    void refusesTokenFromAnotherIssuer() {
        assertRefusedWithKey(OpenWebUiTokens.sign(OpenWebUiTokens.SECRET,
                OpenWebUiTokens.claims("john@company.com").issuer("evil").build()));
    }

    @Test
    void refusesUnsecuredToken() {
        assertRefusedWithKey(OpenWebUiTokens.unsecured(OpenWebUiTokens.claims("admin@company.com").build()));
    }

    @Test
    void refusesHs512Token() {
        assertRefusedWithKey(OpenWebUiTokens.sign(OpenWebUiTokens.SECRET, JWSAlgorithm.HS512,
                OpenWebUiTokens.claims("admin@company.com").build()));
    }

    @Test
    void refusesPlainHeadersWithoutClientKey() {
        int before = BACKEND.requests();

        client.post().uri(TOOL).header("X-OpenWebUI-User-Email", "admin@company.com").exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.status").isEqualTo(401);

        assertThat(BACKEND.requests()).isEqualTo(before);
    }

    @Test
    void acceptsTrustedPlainHeadersWithClientKey() {
        Map<String, String> seen = callTool(headers -> {
            headers.setBearerAuth(CONFIG_KEY);
            headers.set("X-OpenWebUI-User-Email", "Sarah@Google.com");
            headers.set("X-OpenWebUI-User-Id", "u-7");
            headers.set("X-OpenWebUI-User-Name", "Sarah%20Smith");
            headers.set("X-OpenWebUI-User-Role", "user");
        });

        assertThat(seen).containsEntry("x-seen-email", "sarah@google.com")
                .containsEntry("x-seen-name", "Sarah Smith")
                .containsEntry("x-seen-client", "config-key-1");
    }

    @Test
    void refusesWrongClientKey() {
        int before = BACKEND.requests();

        client.get().uri("/tools/echo/openapi.json").headers(headers -> headers.setBearerAuth("wrong-" + CONFIG_KEY)).exchange()
                .expectStatus().isUnauthorized()
                .expectBody(String.class).value(body -> assertThat(body).contains("client key is not valid").doesNotContain(CONFIG_KEY));

        assertThat(BACKEND.requests()).isEqualTo(before);
    }

    @Test
    void demandsClientKeyOnEveryProtectedPath() {
        for (String path : new String[] {"/tools", "/tenants", "/openapi.json", "/tools/echo/openapi.json", "/mcp", "/%74ools/echo/x"}) {
            // An absolute URI, so the path is sent exactly as written (a template would re-encode the %).
            client.get().uri(URI.create("http://127.0.0.1:" + port + path)).exchange().expectStatus().isUnauthorized();
        }
    }

    @Test
    void leavesActuatorOpenOnTheManagementPort() {
        ManagementPort.client(environment).get().uri("/actuator/health/liveness").exchange().expectStatus().isOk();
    }

    @Test
    void acceptsDatabaseClientKeyUntilItIsRevoked() {
        String key = "db-client-key-0123456789abcdef";
        jdbc.update("INSERT INTO gateway_client (name, key_hash, key_prefix) VALUES (?, ?, ?)",
                "webui-db", KeyHashes.sha256Hex(key), key.substring(0, 8));
        // The directory reloads on the table's NOTIFY; no restart, no request-time database lookup.
        await().atMost(Duration.ofSeconds(10)).until(() -> "webui-db".equals(clientKeys.clientFor(key)));

        assertThat(callTool(headers -> headers.setBearerAuth(key))).containsEntry("x-seen-client", "webui-db");

        jdbc.update("UPDATE gateway_client SET revoked_at = now() WHERE name = 'webui-db'");
        await().atMost(Duration.ofSeconds(10)).until(() -> clientKeys.clientFor(key) == null);

        client.post().uri(TOOL).headers(headers -> headers.setBearerAuth(key)).exchange()
                .expectStatus().isUnauthorized();
    }

    @Test
    void recordsWhenADatabaseClientKeyWasLastUsed() {
        String key = "used-client-key-0123456789abcdef";
        jdbc.update("INSERT INTO gateway_client (name, key_hash, key_prefix) VALUES (?, ?, ?)",
                "webui-used", KeyHashes.sha256Hex(key), key.substring(0, 8));
        await().atMost(Duration.ofSeconds(10)).until(() -> "webui-used".equals(clientKeys.clientFor(key)));
        clientKeyUsage.write(); // the lookup above counts as a use; start from a clean slate
        jdbc.update("UPDATE gateway_client SET last_used_at = NULL WHERE name = 'webui-used'");

        callTool(headers -> headers.setBearerAuth(key));
        clientKeyUsage.write();

        OffsetDateTime lastUsed = jdbc.queryForObject("SELECT last_used_at FROM gateway_client WHERE name = 'webui-used'",
                OffsetDateTime.class);
        assertThat(lastUsed).as("gateway_client.last_used_at").isNotNull();
        assertThat(lastUsed.toInstant()).isBetween(Instant.now().minusSeconds(60), Instant.now().plusSeconds(5));
        assertThat(clientKeyUsage.write()).as("nothing used since the last write").isZero();
    }

    @Test
    void forwardsNeitherClientKeyNorIdentityHeaders() {
        Map<String, String> seen = callTool(headers -> {
            headers.setBearerAuth(CONFIG_KEY);
            headers.set(OpenWebUiTokens.HEADER, OpenWebUiTokens.forUser("john@company.com"));
            headers.set("X-OpenWebUI-User-Email", "admin@company.com");
            headers.set("X-OpenWebUI-User-Id", "u-1");
            headers.set("X-OpenWebUI-User-Name", "Admin");
            headers.set("X-OpenWebUI-User-Role", "admin");
            headers.set("X-OpenWebUI-Chat-Id", "chat-1");
        });

        assertThat(seen.keySet()).doesNotContain("authorization")
                .noneMatch(name -> name.startsWith("x-openwebui-user-"));
        assertThat(seen.values()).noneMatch(value -> value.contains(CONFIG_KEY));
        assertThat(seen).containsEntry("x-openwebui-chat-id", "chat-1")
                .containsEntry("x-seen-email", "john@company.com")
                .containsEntry(":path", "/read_file");
    }

    private Map<String, String> callTool(Consumer<HttpHeaders> headers) {
        return headersSeenByBackend(client.post().uri(TOOL).headers(headers).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{}"));
    }

    private void assertRefusedWithKey(String token) {
        int before = BACKEND.requests();

        client.post().uri(TOOL).headers(headers -> {
                    headers.setBearerAuth(CONFIG_KEY);
                    headers.set(OpenWebUiTokens.HEADER, token);
                    headers.set("X-OpenWebUI-User-Email", "admin@company.com"); // must not rescue a bad token
                }).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.title").isEqualTo("Unauthorized");

        assertThat(BACKEND.requests()).isEqualTo(before);
    }
}
