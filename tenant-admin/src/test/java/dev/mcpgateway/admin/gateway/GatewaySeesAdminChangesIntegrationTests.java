package dev.mcpgateway.admin.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.delete;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.put;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import dev.mcpgateway.admin.AdminTestSupport;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.request.RequestPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A change made in tenant-admin is visible to a running gateway: the gateway's packaged jar runs as a separate
 * process on the same PostgreSQL database; a client key created here lets callers in there, and a membership added
 * or removed here changes the gateway's answer to {@code GET /tenants} within seconds (LISTEN/NOTIFY).
 * Skipped when the gateway jar has not been built ({@code ./mvnw verify} builds it before tenant-admin).
 */
class GatewaySeesAdminChangesIntegrationTests extends AdminTestSupport {

    private static final Path GATEWAY_JAR = Path.of(System.getProperty("gateway.jar",
            "../gateway/target/gateway-0.1.0-SNAPSHOT.jar"));
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Duration GATEWAY_STARTUP = Duration.ofMinutes(3);
    private static final Duration PROPAGATION = Duration.ofSeconds(30);

    @Value("${spring.datasource.url}")
    private String databaseUrl;

    private final HttpClient http = HttpClient.newHttpClient();
    private Process gateway;
    private int gatewayPort;
    private int gatewayManagementPort;

    @AfterEach
    void stopGateway() throws InterruptedException {
        if (gateway != null) {
            gateway.destroy();
            if (!gateway.waitFor(30, TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
            }
        }
    }

    @Test
    void gatewayFollowsMembershipAndClientKeyChangesMadeHere() throws Exception {
        assumeTrue(Files.isRegularFile(GATEWAY_JAR), "gateway jar not built: " + GATEWAY_JAR.toAbsolutePath());
        mvc.perform(put("/api/v1/tenants/acme").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"displayName\": \"Acme\", \"backendUrl\": \"http://127.0.0.1:9\"}"))
                .andExpect(status().isCreated());
        String created = mvc.perform(post("/api/v1/clients").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"name\": \"integration-test\"}"))
                .andExpect(status().isCreated()).andReturn().getResponse().getContentAsString();
        String clientKey = JSON.readTree(created).path("key").asString();
        long clientId = JSON.readTree(created).path("client").path("id").asLong();

        startGateway();
        await().atMost(PROPAGATION).untilAsserted(() -> assertThat(tenantsOf("ada@acme.io", clientKey)).isEmpty());

        mvc.perform(put("/api/v1/tenants/acme/members/ada@acme.io").with(admin()).contentType(MediaType.APPLICATION_JSON)
                        .content("{\"accessLevel\": \"write\"}"))
                .andExpect(status().isCreated());
        await().atMost(PROPAGATION).untilAsserted(() -> assertThat(tenantsOf("ada@acme.io", clientKey)).containsExactly("acme"));

        mvc.perform(delete("/api/v1/tenants/acme/members/ada@acme.io").with(admin())).andExpect(status().isNoContent());
        await().atMost(PROPAGATION).untilAsserted(() -> assertThat(tenantsOf("ada@acme.io", clientKey)).isEmpty());

        mvc.perform(delete("/api/v1/clients/" + clientId).with(admin())).andExpect(status().isNoContent());
        await().atMost(PROPAGATION).untilAsserted(() -> assertThat(gatewayStatus("/tenants", "ada@acme.io", clientKey)).isEqualTo(401));
    }

    private void startGateway() throws IOException {
        gatewayPort = freePort();
        gatewayManagementPort = freePort();
        Path log = Files.createDirectories(Path.of("target")).resolve("gateway-process.log");
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", GATEWAY_JAR.toString())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        Map<String, String> env = builder.environment();
        env.put("PORT", String.valueOf(gatewayPort));
        env.put("MANAGEMENT_SERVER_PORT", String.valueOf(gatewayManagementPort));
        env.put("DATABASE_URL", databaseUrl);
        env.put("DATABASE_USERNAME", "postgres");
        env.put("DATABASE_PASSWORD", "postgres");
        env.put("VAULT_ENABLED", "false");
        env.put("MCPGATEWAY_MIGRATE", "false");
        env.put("MCPGATEWAY_TRUST_PLAIN_HEADERS", "true");
        gateway = builder.start();
        await().atMost(GATEWAY_STARTUP).pollInterval(Duration.ofMillis(500)).until(() -> {
            assertThat(gateway.isAlive()).as("gateway process exited; see " + log.toAbsolutePath()).isTrue();
            return statusOf(URI.create("http://127.0.0.1:" + gatewayManagementPort + "/actuator/health/readiness")) == 200;
        });
    }

    /** The tenant ids the gateway says {@code email} belongs to. */
    private List<String> tenantsOf(String email, String clientKey) throws Exception {
        HttpResponse<String> response = http.send(request("/tenants", email, clientKey), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode tenants = JSON.readTree(response.body()).path("tenants");
        return tenants.valueStream().map(tenant -> tenant.path("tenant_id").asString()).toList();
    }

    private int gatewayStatus(String path, String email, String clientKey) {
        return statusOf(request(path, email, clientKey));
    }

    private int statusOf(URI uri) {
        return statusOf(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build());
    }

    private int statusOf(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private HttpRequest request(String path, String email, String clientKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gatewayPort + path))
                .timeout(Duration.ofSeconds(10));
        if (clientKey != null) {
            request.header("Authorization", "Bearer " + clientKey);
        }
        if (email != null) {
            request.header("X-OpenWebUI-User-Email", email);
        }
        return request.build();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static RequestPostProcessor admin() {
        return httpBasic(ADMIN, ADMIN_PASSWORD);
    }
}
