package dev.mcpgateway.gateway.directory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.gateway.DemoTenantsFile;
import dev.mcpgateway.gateway.EchoBackend;
import dev.mcpgateway.gateway.TestCallers;
import dev.mcpgateway.gateway.support.ManagementPort;
import dev.mcpgateway.testing.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** With Postgres stopped, the gateway keeps serving from its last snapshot: known users are not locked out. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.cloud.vault.enabled=false", TestCallers.CLIENT_KEY_PROPERTY,
                TestCallers.TRUST_PLAIN_HEADERS_PROPERTY, "mcpgateway.directory.max-reconnect-wait=1s"})
@AutoConfigureWebTestClient
@DirtiesContext
class PostgresOutageIntegrationTests {

    private static final EmbeddedPostgres POSTGRES = TestPostgres.startDedicated();
    private static final String DATABASE = TestPostgres.freshDatabaseUrl(POSTGRES);
    private static final EchoBackend GOOGLE = EchoBackend.start("google");
    private static final EchoBackend MICROSOFT = EchoBackend.start("microsoft");
    private static final EchoBackend COMPANY_C = EchoBackend.start("company-c");

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("spring.datasource.hikari.connection-timeout", () -> "1000");
        registry.add("mcpgateway.bootstrap.file", () -> DemoTenantsFile.withBackends(GOOGLE, MICROSOFT, COMPANY_C).toString());
    }

    @AfterAll
    static void stopBackends() {
        GOOGLE.close();
        MICROSOFT.close();
        COMPANY_C.close();
    }

    @Autowired
    private WebTestClient client;

    @Autowired
    private DirectoryChangeListener listener;

    @Autowired
    private TenantDirectory directory;

    @Autowired
    private Environment environment;

    @Test
    void knownUsersKeepWorkingWhilePostgresIsDown() throws IOException {
        call("sarah@google.com", "google").expectStatus().isOk();
        ManagementPort.client(environment).get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();

        POSTGRES.close();
        assertThat(postgresAnswers()).as("Postgres is really down").isFalse();
        listener.reload("test: Postgres is down");

        assertThat(directory.current().tenants()).containsKeys("google", "microsoft", "company-c");
        call("sarah@google.com", "google").expectStatus().isOk()
                .expectBody(String.class).isEqualTo("google POST /read_file");
        call("mike@microsoft.com", "microsoft").expectStatus().isOk();
        call("sarah@google.com", "microsoft").expectStatus().isEqualTo(HttpStatus.FORBIDDEN);
        ManagementPort.client(environment).get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }

    private WebTestClient.ResponseSpec call(String email, String tenant) {
        return client.post().uri("/tools/{tenant}/read_file", tenant)
                .headers(TestCallers.as(email))
                .exchange();
    }

    private static boolean postgresAnswers() {
        try (Connection connection = TestPostgres.dataSource(DATABASE).getConnection()) {
            return connection.isValid(1);
        } catch (SQLException e) {
            return false;
        }
    }
}
