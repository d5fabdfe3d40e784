package dev.mcpgateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgateway.testing.FakeVault;
import dev.mcpgateway.testing.TestPostgres;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway jar, laid out as its image lays it out, starts with the environment docker-compose.yml gives it,
 * applies the compose bootstrap file and becomes ready. Only the addresses of PostgreSQL and Vault (here an embedded server and a KV v2 stand-in), the
 * database credentials, the port and the bootstrap file's location differ from the compose file.
 * The schema is migrated first with the command the Helm chart's migration Job runs.
 */
class PackagedGatewayIntegrationTests {

    @TempDir
    Path work;

    private Process gateway;
    private FakeVault vault;

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.destroy();
            if (!gateway.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                gateway.destroyForcibly();
            }
        }
        if (vault != null) {
            vault.close();
        }
    }

    @Test
    void startsFromTheImageLayoutWithTheComposeEnvironmentAndBecomesReady() throws Exception {
        Path jar = Paths.get(System.getProperty("gateway.jar", "../gateway/target/gateway-0.1.0-SNAPSHOT.jar"));
        assertThat(jar).as("the packaged gateway jar (./mvnw package -pl gateway)").exists();
        ImageLayout image = ImageLayout.build("gateway", jar, work);
        Map<String, String> compose = Compose.environment(Compose.services().get("gateway"));

        String databaseUrl = TestPostgres.freshDatabaseUrl();
        vault = FakeVault.start(compose.get("VAULT_TOKEN"), "secret");
        vault.put("mcp-gateway/tenants/google", Map.of("api_key", "demo-google-backend-key", "jira_url", "https://google.atlassian.net"));
        int port = freePort();

        Map<String, String> environment = new LinkedHashMap<>(compose);
        environment.put("DATABASE_URL", databaseUrl);
        environment.put("DATABASE_USERNAME", "postgres");
        environment.put("DATABASE_PASSWORD", "postgres");
        environment.put("VAULT_ADDR", vault.uri());
        environment.put("PORT", String.valueOf(port));
        environment.put("MCPGATEWAY_BOOTSTRAP_FILE", AppEnvironment.REPOSITORY.resolve("compose/tenants.yaml").toString());
        assertThat(environment.keySet()).isEqualTo(compose.keySet());

        image.runInApp(List.of(ImageLayout.JAVA, "-cp", "BOOT-INF/classes:BOOT-INF/lib/*", "dev.mcpgateway.db.MigrateDatabase"),
                Map.of("DATABASE_URL", databaseUrl, "DATABASE_USERNAME", "postgres", "DATABASE_PASSWORD", "postgres"),
                work.resolve("migrate.log"));
        assertThat(tableCount(databaseUrl, "tenant")).isZero();

        Path log = work.resolve("gateway.log");
        gateway = image.start(environment, log);
        await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(gateway.isAlive()).as("gateway exited:\n" + tail(log)).isTrue();
            assertThat(image.healthy(port)).as("the image's HEALTHCHECK (readiness)").isTrue();
        });

        assertThat(tenantIds(databaseUrl)).as("tenants applied from the compose bootstrap file")
                .containsExactlyInAnyOrder("google", "microsoft", "company-c");

        HttpResponse<String> prometheus = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
        assertThat(image.healthy("/actuator/health/liveness", port)).isTrue();
        assertThat(Files.readString(log)).doesNotContain(compose.get("OPENWEBUI_JWT_SECRET"), compose.get("VAULT_TOKEN"));
    }

    private static int tableCount(String url, String table) throws Exception {
        try (Connection connection = TestPostgres.dataSource(url).getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT count(*) FROM " + table)) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static List<String> tenantIds(String url) throws Exception {
        List<String> ids = new java.util.ArrayList<>();
        try (Connection connection = TestPostgres.dataSource(url).getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM tenant")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private static String tail(Path log) throws Exception {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }
}
