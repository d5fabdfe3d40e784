package dev.mcpgateway.gateway.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgateway.gateway.DemoTenantsFile;
import dev.mcpgateway.gateway.EchoBackend;
import dev.mcpgateway.gateway.TestCallers;
import dev.mcpgateway.testing.TestPostgres;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway started against real Postgres with the shipped demo bootstrap file, its backends replaced by in-test
 * echo servers: the membership matrix, refusals, traversal, and changes made by plain SQL without a restart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.cloud.vault.enabled=false", TestCallers.CLIENT_KEY_PROPERTY,
                TestCallers.TRUST_PLAIN_HEADERS_PROPERTY, "mcpgateway.directory.reload-interval=1h"})
@AutoConfigureWebTestClient
class TenantRoutesIntegrationTests {

    private static final Duration CHANGE_BOUND = Duration.ofSeconds(5);
    private static final EchoBackend GOOGLE = EchoBackend.start("google");
    private static final EchoBackend MICROSOFT = EchoBackend.start("microsoft");
    private static final EchoBackend COMPANY_C = EchoBackend.start("company-c");
    private static final EchoBackend ACME = EchoBackend.start("acme");
    private static final String DATABASE = TestPostgres.freshDatabaseUrl();

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", () -> DATABASE);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("mcpgateway.bootstrap.file", () -> DemoTenantsFile.withBackends(GOOGLE, MICROSOFT, COMPANY_C).toString());
    }

    @AfterAll
    static void stopBackends() {
        GOOGLE.close();
        MICROSOFT.close();
        COMPANY_C.close();
        ACME.close();
    }

    @Autowired
    private WebTestClient client;

    @LocalServerPort
    private int port;

    private final JdbcTemplate sql = new JdbcTemplate(TestPostgres.dataSource(DATABASE));

    @Test
    void routesEachDemoMemberToTheTenantsTheyBelongTo() {
        assertReaches("sarah@google.com", "google", GOOGLE);
        assertReaches("testuser@google.com", "google", GOOGLE);
        assertReaches("mike@microsoft.com", "microsoft", MICROSOFT);
        assertReaches("alice@companyc.com", "company-c", COMPANY_C);
        assertReaches("john@company.com", "google", GOOGLE);
        assertReaches("john@company.com", "microsoft", MICROSOFT);
        assertReaches("Admin@Company.com", "google", GOOGLE);
        assertReaches("admin@company.com", "microsoft", MICROSOFT);
        assertReaches("admin@company.com", "company-c", COMPANY_C);
    }

    @Test
    void refusesCallsToTenantsTheCallerDoesNotBelongTo() {
        assertRefused("sarah@google.com", "microsoft", "read_file", HttpStatus.FORBIDDEN)
                .jsonPath("$.detail").isEqualTo("tenant 'microsoft': not a member of this tenant");
        assertRefused("mike@microsoft.com", "google", "read_file", HttpStatus.FORBIDDEN);
        assertRefused("john@company.com", "company-c", "read_file", HttpStatus.FORBIDDEN);
        assertRefused("alice@companyc.com", "google", "read_file", HttpStatus.FORBIDDEN);
        assertRefused("stranger@example.com", "google", "read_file", HttpStatus.FORBIDDEN);
    }

    @Test
    void refusesToolsAboveTheMembersLevel() {
        assertRefused("sarah@google.com", "google", "move_file", HttpStatus.FORBIDDEN)
                .jsonPath("$.detail").isEqualTo("tenant 'google': requires admin access, you have write (rule 'move_file')");
        assertReaches("admin@company.com", "google", GOOGLE, "move_file");
    }

    @Test
    void refusesAReadMemberAWriteTool() {
        sql.update("INSERT INTO tenant_member (tenant_id, email, access_level) VALUES ('google', 'reader@google.com', 'read')");
        await().atMost(CHANGE_BOUND).untilAsserted(() -> assertReaches("reader@google.com", "google", GOOGLE));

        assertRefused("reader@google.com", "google", "write_file", HttpStatus.FORBIDDEN)
                .jsonPath("$.detail").isEqualTo("tenant 'google': requires write access, you have read (rule 'write_file')");
    }

    @Test
    void denyRulesRefuseEvenAdmins() {
        sql.update("INSERT INTO tool_rule (tenant_id, tool, level) VALUES ('microsoft', 'delete_*', 'deny')");

        await().atMost(CHANGE_BOUND).untilAsserted(() ->
                assertRefused("admin@company.com", "microsoft", "delete_everything", HttpStatus.FORBIDDEN)
                        .jsonPath("$.detail").isEqualTo("tenant 'microsoft': this tool is disabled for everyone (rule 'delete_*')"));
    }

    @Test
    void answersUnknownTenantsWithNotFoundWithoutListingOthers() {
        assertRefused("admin@company.com", "nope", "read_file", HttpStatus.NOT_FOUND)
                .jsonPath("$.detail").isEqualTo("tenant 'nope' does not exist or is disabled")
                .consumeWith(result -> assertThat(new String(result.getResponseBody()))
                        .doesNotContain("google", "microsoft", "company-c"));
    }

    @Test
    void requiresASignedInIdentity() {
        client.post().uri("/tools/google/read_file").headers(TestCallers.anonymousClient()).exchange()
                .expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.detail").isEqualTo("sign-in identity required");
    }

    @Test
    void encodedTraversalNeverReachesAnotherTenantsBackend() {
        int microsoftCalls = MICROSOFT.received().size();
        for (String path : new String[] {"/tools/google/..%2fmicrosoft/read_file", "/tools/google/..%2Fmicrosoft",
                "/tools/google/%2e%2e%2fmicrosoft/read_file", "/tools/google/read_file/..%2f..%2fmicrosoft/x",
                "/tools/google/..%5cmicrosoft/read_file"}) {
            client.post().uri(URI.create("http://127.0.0.1:" + port + path))
                    .headers(TestCallers.as("sarah@google.com"))
                    .exchange()
                    .expectStatus().isBadRequest()
                    .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        }
        client.post().uri(URI.create("http://127.0.0.1:" + port + "/tools/%6dicrosoft/read_file"))
                .headers(TestCallers.as("sarah@google.com"))
                .exchange()
                .expectStatus().isNotFound();

        assertThat(MICROSOFT.received()).hasSize(microsoftCalls);
    }

    @Test
    void aTenantInsertedBySqlBecomesRoutableAndDisablingItRemovesTheRoute() {
        sql.update("INSERT INTO tenant (id, display_name, backend_url) VALUES ('acme', 'Acme', ?)", ACME.url());
        sql.update("INSERT INTO tenant_member (tenant_id, email, access_level) VALUES ('acme', 'bob@acme.io', 'read')");

        await().atMost(CHANGE_BOUND).untilAsserted(() -> assertReaches("bob@acme.io", "acme", ACME));

        sql.update("UPDATE tenant SET enabled = false WHERE id = 'acme'");
        await().atMost(CHANGE_BOUND).untilAsserted(() ->
                assertRefused("bob@acme.io", "acme", "read_file", HttpStatus.NOT_FOUND));
    }

    @Test
    void aRemovedMemberLosesAccessWithoutRestart() {
        assertReaches("testuser@google.com", "google", GOOGLE, "write_file");

        sql.update("DELETE FROM tenant_member WHERE tenant_id = 'google' AND email = 'testuser@google.com'");

        await().atMost(CHANGE_BOUND).untilAsserted(() ->
                assertRefused("testuser@google.com", "google", "write_file", HttpStatus.FORBIDDEN));
    }

    @Test
    void listensAgainAfterItsConnectionIsKilled() {
        Integer killed = sql.queryForObject("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity"
                + " WHERE application_name = 'mcp-gateway tenancy listener'", Integer.class);
        assertThat(killed).isEqualTo(1);

        await().atMost(CHANGE_BOUND).until(() -> sql.queryForObject("SELECT count(*) FROM pg_stat_activity"
                + " WHERE application_name = 'mcp-gateway tenancy listener'", Integer.class) == 1);
        sql.update("INSERT INTO tenant_member (tenant_id, email, access_level) VALUES ('company-c', 'carol@companyc.com', 'write')");

        await().atMost(CHANGE_BOUND).untilAsserted(() -> assertReaches("carol@companyc.com", "company-c", COMPANY_C));
    }

    private void assertReaches(String email, String tenant, EchoBackend backend) {
        assertReaches(email, tenant, backend, "read_file");
    }

    private void assertReaches(String email, String tenant, EchoBackend backend, String tool) {
        client.post().uri("/tools/{tenant}/{tool}", tenant, tool)
                .headers(TestCallers.as(email))
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo(backend.name() + " POST /" + tool);
    }

    private WebTestClient.BodyContentSpec assertRefused(String email, String tenant, String tool, HttpStatus status) {
        return client.post().uri("/tools/{tenant}/{tool}", tenant, tool)
                .headers(TestCallers.as(email))
                .exchange()
                .expectStatus().isEqualTo(status)
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody()
                .jsonPath("$.status").isEqualTo(status.value())
                .jsonPath("$.tenant").isEqualTo(tenant);
    }
}
