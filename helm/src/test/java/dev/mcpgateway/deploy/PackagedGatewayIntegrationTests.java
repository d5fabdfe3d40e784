package dev.mcpgateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.testing.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gateway jar, laid out as its image lays it out, starts with the environment docker-compose.yml gives it,
 * applies the compose bootstrap file and becomes ready. Besides what {@link PackagedComposeService} changes, only the
 * bootstrap file's location differs from the compose file. The schema is migrated first with the command the Helm
 * chart's migration Job runs.
 */
class PackagedGatewayIntegrationTests {

    @TempDir
    Path work;

    private PackagedComposeService gateway;

    @AfterEach
    void stop() throws Exception {
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void startsFromTheImageLayoutWithTheComposeEnvironmentAndBecomesReady() throws Exception {
        gateway = PackagedComposeService.of("gateway", work);
        gateway.vault.put("mcp-gateway/tenants/google",
                Map.of("api_key", "demo-google-backend-key", "jira_url", "https://google.atlassian.net"));

        gateway.image.runInApp(List.of(ImageLayout.JAVA, "-cp", "BOOT-INF/classes:BOOT-INF/lib/*", "dev.mcpgateway.db.MigrateDatabase"),
                gateway.databaseEnvironment(), work.resolve("migrate.log"));
        assertThat(tenantIds(gateway.databaseUrl)).as("migrated, nothing applied yet").isEmpty();

        gateway.startAndAwaitReady(Map.of("MCPGATEWAY_BOOTSTRAP_FILE",
                AppEnvironment.REPOSITORY.resolve("compose/tenants.yaml").toString()));

        assertThat(tenantIds(gateway.databaseUrl)).as("tenants applied from the compose bootstrap file")
                .containsExactlyInAnyOrder("google", "microsoft", "company-c");
        HttpResponse<String> prometheus = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.managementPort + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(prometheus.statusCode()).isEqualTo(200);
        assertThat(prometheus.body()).contains("jvm_memory_used_bytes");
        assertThat(HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + gateway.port + "/actuator/prometheus")).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode()).as("no metrics on the API port").isEqualTo(404);
        assertThat(gateway.image.healthy("/actuator/health/liveness", gateway.managementPort)).isTrue();
        assertThat(gateway.output()).as("the compose file's MCP session key is read")
                .doesNotContain("mcpgateway.mcp.session-key is not set");
        assertThat(gateway.output()).doesNotContain(gateway.compose.get("OPENWEBUI_JWT_SECRET"), gateway.compose.get("VAULT_TOKEN"),
                gateway.compose.get("MCPGATEWAY_MCP_SESSION_KEY"));
    }

    private static List<String> tenantIds(String url) throws Exception {
        List<String> ids = new ArrayList<>();
        try (Connection connection = TestPostgres.dataSource(url).getConnection();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT id FROM tenant")) {
            while (rows.next()) {
                ids.add(rows.getString(1));
            }
        }
        return ids;
    }
}
