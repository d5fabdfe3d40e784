package dev.mcpgateway.gateway.route;

import static org.awaitility.Awaitility.await;

import dev.mcpgateway.gateway.DemoTenantsFile;
import dev.mcpgateway.gateway.EchoBackend;
import dev.mcpgateway.gateway.TestCallers;
import dev.mcpgateway.testing.TestPostgres;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** 10,000 tenants from the bootstrap file: every one is routed, and a tenant added later still is. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.cloud.vault.enabled=false", TestCallers.CLIENT_KEY_PROPERTY,
                TestCallers.TRUST_PLAIN_HEADERS_PROPERTY, "mcpgateway.directory.reload-interval=1h"})
@AutoConfigureWebTestClient
class TenThousandTenantsIntegrationTests {

    private static final int TENANTS = 10_000;
    private static final EchoBackend BACKEND = EchoBackend.start("shared");
    private static final String DATABASE = TestPostgres.freshDatabaseUrl();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("mcpgateway.bootstrap.file", () -> bootstrapFile().toString());
    }

    private static java.nio.file.Path bootstrapFile() {
        StringBuilder file = new StringBuilder("tenants:\n");
        for (int i = 0; i < TENANTS; i++) {
            file.append("  - id: t").append(i).append('\n')
                    .append("    displayName: Tenant ").append(i).append('\n')
                    .append("    backendUrl: ").append(BACKEND.url()).append('\n')
                    .append("    members:\n      - { email: ops@example.com, accessLevel: write }\n");
        }
        return DemoTenantsFile.write(file.toString());
    }

    @AfterAll
    static void stopBackend() {
        BACKEND.close();
    }

    @Autowired
    private WebTestClient client;

    @Test
    void routesTheFirstAndTheLastOfTenThousandTenants() {
        call("t0").expectStatus().isOk().expectBody(String.class).isEqualTo("shared POST /read_file");
        call("t9999").expectStatus().isOk().expectBody(String.class).isEqualTo("shared POST /read_file");
        call("t10000").expectStatus().isNotFound();
    }

    @Test
    void refreshesTenThousandRoutesWhenATenantIsAdded() {
        JdbcTemplate sql = new JdbcTemplate(TestPostgres.dataSource(DATABASE));
        sql.update("INSERT INTO tenant (id, display_name, backend_url) VALUES ('t-late', 'Late', ?)", BACKEND.url());
        sql.update("INSERT INTO tenant_member (tenant_id, email, access_level) VALUES ('t-late', 'ops@example.com', 'read')");

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> call("t-late").expectStatus().isOk());
        call("t9999").expectStatus().isOk();
    }

    private WebTestClient.ResponseSpec call(String tenant) {
        return client.post().uri("/tools/{tenant}/read_file", tenant).headers(TestCallers.as("ops@example.com")).exchange();
    }
}
