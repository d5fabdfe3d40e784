package dev.mcpgateway.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgateway.gateway.identity.OpenWebUiTokens;
import dev.mcpgateway.testing.FakeMcpoServer;
import dev.mcpgateway.testing.FakeVault;
import dev.mcpgateway.testing.InTestMcpServer;
import dev.mcpgateway.testing.TestPostgres;
import java.io.IOException;
import java.net.InetAddress;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The packaged gateway, in a process of its own (so that its reactor-netty resources and logging cannot touch the
 * other tests' gateways in this JVM), with every logger at TRACE (what an operator may set while hunting a problem) runs its main flows: a
 * tool call through an OpenAPI tenant and one through an MCP tenant, both with credentials from the Vault stand-in,
 * a client key and a signed Open WebUI identity, and an aggregated {@code /mcp} session. Nothing secret may appear in
 * any log line: not the Vault token, a tenant secret, the client key, the JWT secret, a user's token or the MCP
 * session key.
 */
class NoSecretInLogsIntegrationTests {

    private static final Path GATEWAY_JAR = Path.of(System.getProperty("gateway.jar", "target/gateway-0.1.0-SNAPSHOT.jar"));

    private static final String VAULT_TOKEN = "hvs.vault-token-that-must-never-be-logged-7Qx";
    private static final String CLIENT_KEY = "client-key-that-must-never-be-logged-0123456789";
    private static final String SESSION_KEY = "c2Vzc2lvbi1rZXktbmV2ZXItbG9nZ2VkLTAxMjM0NTY=";
    private static final String FILES_API_KEY = "files-api-key-that-must-never-be-logged-5Rw";
    private static final String ACME_API_KEY = "acme-api-key-that-must-never-be-logged-9Kp";
    private static final String ACME_HEADER_SECRET = "acme-header-secret-that-must-never-be-logged-3Lm";
    private static final String USER = "writer@acme.test";

    @TempDir
    Path work;

    @Test
    void logsNoSecretWithEveryLoggerAtTrace() throws Exception {
        assertThat(GATEWAY_JAR).as("the packaged gateway (./mvnw package -pl gateway)").exists();
        String userToken = OpenWebUiTokens.forUser(USER);
        Path log = work.resolve("gateway.log");
        try (FakeVault vault = FakeVault.start(VAULT_TOKEN, "secret");
             FakeMcpoServer files = FakeMcpoServer.start();
             InTestMcpServer acme = InTestMcpServer.start().tool("read_file", "Reads a file", Map.of("type", "object",
                     "properties", Map.of("path", Map.of("type", "string"))), true,
                     args -> InTestMcpServer.text("contents of " + args.get("path")))) {
            vault.put("mcp-gateway/tenants/files", Map.of("api_key", FILES_API_KEY));
            vault.put("mcp-gateway/tenants/acme", Map.of("api_key", ACME_API_KEY, "header.X-Acme-Secret", ACME_HEADER_SECRET));

            int port = freePort();
            int managementPort = freePort();
            Process gateway = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "-Xmx384m", "-XX:TieredStopAtLevel=1", "-jar", GATEWAY_JAR.toAbsolutePath().toString(),
                    "--logging.level.root=TRACE",
                    "--server.port=" + port,
                    "--management.server.port=" + managementPort,
                    "--spring.datasource.url=" + TestPostgres.freshDatabaseUrl(),
                    "--spring.datasource.username=postgres",
                    "--spring.datasource.password=postgres",
                    "--spring.cloud.vault.uri=" + vault.uri(),
                    "--spring.cloud.vault.token=" + VAULT_TOKEN,
                    "--mcpgateway.security.client-keys=" + CLIENT_KEY,
                    "--mcpgateway.identity.openwebui-jwt-secret=" + OpenWebUiTokens.SECRET,
                    "--mcpgateway.mcp.session-key=" + SESSION_KEY,
                    "--mcpgateway.bootstrap.file=" + bootstrapFile(files.url(), acme.endpoint()))
                    .redirectErrorStream(true).redirectOutput(log.toFile()).start();
            try {
                HttpClient http = HttpClient.newHttpClient();
                await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(500)).until(() -> {
                    assertThat(gateway.isAlive()).as("the gateway exited; see " + log).isTrue();
                    return ready(http, managementPort);
                });
                WebTestClient client = WebTestClient.bindToServer()
                        .baseUrl("http://127.0.0.1:" + port)
                        .responseTimeout(Duration.ofSeconds(60))
                        .build();

                callTool(client, "/tools/files/read_file", userToken);
                callTool(client, "/tools/acme/read_file", userToken);
                String toolsList = mcpToolsList(client, userToken);

                assertThat(files.requests()).as("the OpenAPI backend got the tenant's key from Vault")
                        .anySatisfy(request -> assertThat(request.headers()).containsEntry("authorization", "Bearer " + FILES_API_KEY));
                assertThat(acme.requestHeaders()).as("the MCP backend got the tenant's headers from Vault")
                        .anySatisfy(headers -> assertThat(headers.get("x-acme-secret")).containsExactly(ACME_HEADER_SECRET));
                assertThat(toolsList).contains("acme__read_file");
            } finally {
                gateway.destroy(); // SIGTERM: the graceful shutdown is logged too
                if (!gateway.waitFor(90, TimeUnit.SECONDS)) {
                    gateway.destroyForcibly();
                }
            }
        }

        String output = Files.readString(log);
        assertThat(output).as("every logger really was at TRACE").contains(" TRACE ")
                .as("Vault calls were logged (without secrets)").contains("/v1/secret/data/mcp-gateway/tenants/files");
        Map<String, String> secrets = Map.of("the Vault token", VAULT_TOKEN, "the client key", CLIENT_KEY,
                "the MCP session key", SESSION_KEY, "the JWT secret", OpenWebUiTokens.SECRET, "a user's token", userToken,
                "files' api_key", FILES_API_KEY, "acme's api_key", ACME_API_KEY, "acme's header secret", ACME_HEADER_SECRET);
        assertThat(linesShowing(secrets, output)).as("log lines that show a secret (shown masked)").isEmpty();
    }

    /** Each log line that contains a secret, with the secret replaced by its name (so a failure shows no secret). */
    static List<String> linesShowing(Map<String, String> secrets, String log) {
        return log.lines()
                .filter(line -> secrets.values().stream().anyMatch(line::contains))
                .map(line -> {
                    String masked = line;
                    for (Map.Entry<String, String> secret : secrets.entrySet()) {
                        masked = masked.replace(secret.getValue(), "<" + secret.getKey() + ">");
                    }
                    return masked;
                })
                .toList();
    }

    private static boolean ready(HttpClient http, int managementPort) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                    + "/actuator/health/readiness")).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    private static void callTool(WebTestClient client, String path, String userToken) {
        client.post().uri(path)
                .headers(headers -> headers.setBearerAuth(CLIENT_KEY))
                .header(OpenWebUiTokens.HEADER, userToken)
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"path\":\"/notes.txt\"}")
                .exchange()
                .expectStatus().isOk();
    }

    /** initialize, then tools/list on the aggregated endpoint; the tools/list answer. */
    private static String mcpToolsList(WebTestClient client, String userToken) {
        String sessionId = client.post().uri("/mcp")
                .headers(headers -> headers.setBearerAuth(CLIENT_KEY))
                .header(OpenWebUiTokens.HEADER, userToken)
                .header("Accept", "application/json, text/event-stream")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("""
                        {"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-06-18",
                         "capabilities":{},"clientInfo":{"name":"log-test","version":"1"}}}""")
                .exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("Mcp-Session-Id");
        return client.post().uri("/mcp")
                .headers(headers -> headers.setBearerAuth(CLIENT_KEY))
                .header(OpenWebUiTokens.HEADER, userToken)
                .header("Mcp-Session-Id", sessionId)
                .header("Accept", "application/json, text/event-stream")
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}")
                .exchange()
                .expectStatus().isOk()
                .expectBody(String.class).returnResult().getResponseBody();
    }

    private Path bootstrapFile(String filesUrl, String acmeEndpoint) throws IOException {
        return Files.writeString(work.resolve("tenants.yaml"), """
                tenants:
                  - id: files
                    displayName: Files
                    backendUrl: %s
                    members:
                      - { email: %s, accessLevel: write }
                  - id: acme
                    displayName: Acme
                    backendUrl: %s
                    backendType: mcp
                    members:
                      - { email: %s, accessLevel: write }
                """.formatted(filesUrl, USER, acmeEndpoint, USER));
    }
}
