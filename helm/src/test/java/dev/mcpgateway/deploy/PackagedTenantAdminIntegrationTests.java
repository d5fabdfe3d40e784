package dev.mcpgateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgateway.testing.FakeVault;
import dev.mcpgateway.testing.TestPostgres;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tenant-admin jar, laid out as its image lays it out, starts with the environment docker-compose.yml gives it:
 * it migrates an empty database, creates the bootstrap admin from the compose variables and becomes ready.
 * Only PostgreSQL's and Vault's addresses, the database credentials and the port differ from the compose file.
 */
class PackagedTenantAdminIntegrationTests {

    @TempDir
    Path work;

    private Process tenantAdmin;
    private FakeVault vault;

    @AfterEach
    void stop() throws Exception {
        if (tenantAdmin != null) {
            tenantAdmin.destroy();
            if (!tenantAdmin.waitFor(30, TimeUnit.SECONDS)) {
                tenantAdmin.destroyForcibly();
            }
        }
        if (vault != null) {
            vault.close();
        }
    }

    @Test
    void migratesCreatesTheBootstrapAdminAndBecomesReadyWithTheComposeEnvironment() throws Exception {
        Path jar = Paths.get(System.getProperty("tenant-admin.jar", "../tenant-admin/target/tenant-admin-0.1.0-SNAPSHOT.jar"));
        assertThat(jar).as("the packaged tenant-admin jar (./mvnw package -pl tenant-admin)").exists();
        ImageLayout image = ImageLayout.build("tenant-admin", jar, work);
        Map<String, String> compose = Compose.environment(Compose.services().get("tenant-admin"));

        String databaseUrl = TestPostgres.freshDatabaseUrl();
        vault = FakeVault.start(compose.get("VAULT_TOKEN"), "secret");
        int port = freePort();
        Map<String, String> environment = new LinkedHashMap<>(compose);
        environment.put("DATABASE_URL", databaseUrl);
        environment.put("DATABASE_USERNAME", "postgres");
        environment.put("DATABASE_PASSWORD", "postgres");
        environment.put("VAULT_ADDR", vault.uri());
        environment.put("PORT", String.valueOf(port));
        assertThat(environment.keySet()).isEqualTo(compose.keySet());

        Path log = work.resolve("tenant-admin.log");
        tenantAdmin = image.start(environment, log);
        await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(tenantAdmin.isAlive()).as("tenant-admin exited:\n" + tail(log)).isTrue();
            assertThat(image.healthy(port)).as("the image's HEALTHCHECK (readiness)").isTrue();
        });

        assertThat(platformAdmin(databaseUrl, compose.get("ADMIN_BOOTSTRAP_USERNAME"))).isTrue();
        assertThat(image.healthy("/actuator/health/liveness", port)).isTrue();
        assertThat(Files.readString(log)).doesNotContain(compose.get("ADMIN_BOOTSTRAP_PASSWORD"), compose.get("VAULT_TOKEN"));
    }

    private static boolean platformAdmin(String url, String username) throws Exception {
        try (Connection connection = TestPostgres.dataSource(url).getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT platform_admin FROM admin_account WHERE lower(username) = lower(?)")) {
            statement.setString(1, username);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
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
