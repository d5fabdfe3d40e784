package dev.mcpgateway.gateway.mcp.bridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgateway.gateway.GatewayApplication;
import dev.mcpgateway.gateway.directory.TenantDirectory;
import dev.mcpgateway.testing.FakeVault;
import dev.mcpgateway.testing.InTestMcpServer;
import dev.mcpgateway.testing.TestPostgres;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The whole gateway (real Postgres, Spring Cloud Vault against the KV v2 stand-in) in front of an in-JVM MCP server
 * as the backend of an {@code mcp} tenant that derives tool levels from annotations: the generated spec, calls
 * mapped the way mcpo maps them, read and write members, and the tenant's Vault credentials on the MCP requests.
 */
class McpBridgeIntegrationTests {

    private static final String VAULT_TOKEN = "mcp-bridge-root-token";
    private static final String CLIENT_KEY = "mcp-bridge-client-key-0123456789";
    private static final String READER = "reader@acme.test";
    private static final String WRITER = "writer@acme.test";
    private static final Map<String, Object> PATH_ARGUMENT = Map.of("type", "object",
            "properties", Map.of("path", Map.of("type", "string")), "required", List.of("path"));

    private static FakeVault vault;
    private static InTestMcpServer backend;
    private static ConfigurableApplicationContext gateway;
    private static WebTestClient client;

    @BeforeAll
    static void startGateway() throws SQLException {
        vault = FakeVault.start(VAULT_TOKEN, "secret");
        vault.put("mcp-gateway/tenants/acme", Map.of("api_key", "acme-backend-key"));
        backend = InTestMcpServer.start()
                .tool("read_file", "Reads a file", PATH_ARGUMENT, true,
                        args -> InTestMcpServer.text("contents of " + args.get("path")))
                .tool("write_file", "Writes a file", PATH_ARGUMENT, false,
                        args -> InTestMcpServer.text("wrote " + args.get("path")))
                .tool("sum", "Adds", Map.of("type", "object", "properties", Map.of(
                        "a", Map.of("type", "number"), "b", Map.of("type", "number"))), true,
                        args -> InTestMcpServer.text("{\"sum\":" + (((Number) args.get("a")).intValue()
                                + ((Number) args.get("b")).intValue()) + "}"))
                .tool("fails", "Always fails", Map.of("type", "object"), true,
                        args -> InTestMcpServer.error("disk full"))
                .tool("secret_dump", "Denied by a rule", Map.of("type", "object"), true,
                        args -> InTestMcpServer.text("never"));
        String database = TestPostgres.freshDatabaseUrl();
        gateway = new SpringApplicationBuilder(GatewayApplication.class).run(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--spring.cloud.vault.uri=" + vault.uri(),
                "--spring.cloud.vault.token=" + VAULT_TOKEN,
                "--mcpgateway.security.client-keys=" + CLIENT_KEY,
                "--mcpgateway.identity.trust-plain-headers=true");
        seed(TestPostgres.dataSource(database));
        TenantDirectory directory = gateway.getBean(TenantDirectory.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.current().tenant("acme").isPresent()
                && directory.current().levelOf(WRITER, "acme") != null
                && directory.current().tenant("acme").get().policy().isDenied("secret_dump"));
        client = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + gateway.getEnvironment().getProperty("local.server.port"))
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
    void servesASpecGeneratedFromTheBackendsTools() {
        Map<String, Object> spec = client.get().uri("/tools/acme/openapi.json")
                .headers(h -> h.setBearerAuth(CLIENT_KEY))
                .exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();

        Map<String, Object> paths = child(spec, "paths");
        assertThat(paths).containsKeys("/read_file", "/write_file", "/sum", "/fails").doesNotContainKey("/secret_dump");
        Map<String, Object> readFile = child(child(paths, "/read_file"), "post");
        assertThat(readFile).containsEntry("operationId", "acme__read_file").containsEntry("description", "Reads a file");
        String ref = String.valueOf(child(child(child(child(readFile, "requestBody"), "content"), "application/json"),
                "schema").get("$ref"));
        Map<String, Object> body = child(child(child(spec, "components"), "schemas"),
                ref.substring("#/components/schemas/".length()));
        assertThat(body).containsEntry("required", List.of("path"));
    }

    @Test
    void showsToolsInTheSpecAsSoonAsTheBackendReportsThem() {
        client.get().uri("/tools/acme/openapi.json").headers(h -> h.setBearerAuth(CLIENT_KEY)).exchange()
                .expectStatus().isOk();
        await().atMost(Duration.ofSeconds(20)).until(() -> backend.openStreams() >= 1);

        backend.tool("added_later", "Added while running", Map.of("type", "object"), true,
                args -> InTestMcpServer.text("new"));
        backend.notifyToolsChanged();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(child(client.get()
                .uri("/tools/acme/openapi.json").headers(h -> h.setBearerAuth(CLIENT_KEY)).exchange()
                .expectStatus().isOk().expectBody(Map.class).returnResult().getResponseBody(), "paths"))
                .containsKey("/added_later"));
    }

    @Test
    void callsAToolAndAnswersWithItsText() {
        client.post().uri("/tools/acme/read_file")
                .headers(as(READER))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"path\":\"/etc/motd\"}")
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("\"contents of /etc/motd\"");
    }

    @Test
    void answersWithParsedJsonWhenTheToolReturnsJsonText() {
        client.post().uri("/tools/acme/sum")
                .headers(as(READER))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"a\":1,\"b\":2}")
                .exchange()
                .expectStatus().isOk()
                .expectBody().json("{\"sum\":3}", true);
    }

    @Test
    void answersAToolFailureWith500AndItsMessage() {
        client.post().uri("/tools/acme/fails")
                .headers(as(READER))
                .exchange()
                .expectStatus().isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR)
                .expectBody().json("{\"detail\":{\"message\":\"disk full\"}}", true);
    }

    @Test
    void refusesAWriteToolToAReadMember() {
        client.post().uri("/tools/acme/write_file")
                .headers(as(READER))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"path\":\"/tmp/x\"}")
                .exchange()
                .expectStatus().isForbidden()
                .expectBody(String.class).value(body -> assertThat(body).contains("requires write access"));
    }

    @Test
    void letsAWriteMemberCallAWriteTool() {
        client.post().uri("/tools/acme/write_file")
                .headers(as(WRITER))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"path\":\"/tmp/x\"}")
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).isEqualTo("\"wrote /tmp/x\"");
    }

    @Test
    void refusesToolsDeniedByARuleAndNonMembers() {
        client.post().uri("/tools/acme/secret_dump").headers(as(WRITER)).exchange().expectStatus().isForbidden();
        client.post().uri("/tools/acme/read_file").headers(as("stranger@else.test")).exchange()
                .expectStatus().isForbidden();
    }

    @Test
    void answers404ForAToolTheBackendDoesNotHave() {
        client.post().uri("/tools/acme/no_such_tool").headers(as(WRITER)).exchange().expectStatus().isNotFound();
    }

    @Test
    void sendsTheTenantsVaultCredentialsToTheMcpBackend() {
        client.post().uri("/tools/acme/read_file")
                .headers(as(READER))
                .header("X-Tenant-Spoof", "caller")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"path\":\"a\"}")
                .exchange()
                .expectStatus().isOk();

        assertThat(backend.requestHeaders()).isNotEmpty().allSatisfy(headers -> {
            assertThat(headers.get("authorization")).containsExactly("Bearer acme-backend-key");
            assertThat(headers).doesNotContainKeys("x-tenant-spoof", "x-openwebui-user-email");
        });
    }

    private static Consumer<HttpHeaders> as(String email) {
        return headers -> {
            headers.setBearerAuth(CLIENT_KEY);
            headers.set("X-OpenWebUI-User-Email", email);
        };
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> node, String key) {
        return (Map<String, Object>) node.get(key);
    }

    private static void seed(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            execute(connection, "INSERT INTO tenant (id, display_name, backend_url, backend_type, default_tool_level,"
                    + " tool_levels_from_annotations) VALUES ('acme', 'Acme', ?, 'mcp', 'read', true)", backend.endpoint());
            execute(connection, "INSERT INTO tenant_member (tenant_id, email, access_level) VALUES ('acme', ?, 'read')", READER);
            execute(connection, "INSERT INTO tenant_member (tenant_id, email, access_level) VALUES ('acme', ?, 'write')", WRITER);
            execute(connection, "INSERT INTO tool_rule (tenant_id, tool, level) VALUES ('acme', 'secret_*', 'deny')", null);
        }
    }

    private static void execute(Connection connection, String sql, String parameter) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            if (parameter != null) {
                statement.setString(1, parameter);
            }
            statement.executeUpdate();
        }
    }
}
