package dev.mcpgateway.demo;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Everything {@code ./demo} runs, started in dependency order and stopped in reverse: PostgreSQL, Vault with each
 * tenant's API key, the tool servers, then tenant-admin and the gateway side by side. All data lives in one
 * temporary directory, deleted on stop.
 */
final class RunningDemo {

    static final String PERSON = "john@company.com";
    static final String MCP_PROTOCOL = "2025-06-18";
    static final Duration TOKEN_VALIDITY = Duration.ofHours(12);
    private static final Duration START_LIMIT = Duration.ofMinutes(3);

    private final DemoOptions options;
    private final Deque<AutoCloseable> stopOrder = new ArrayDeque<>();
    private final Path work;
    final String clientKey = DemoToolServers.randomKey();
    final String jwtSecret = DemoToolServers.randomKey();
    final String adminPassword = DemoToolServers.randomKey().substring(0, 20);
    DemoTenants tenants;
    DemoVault vault;
    DemoToolServers toolServers;
    OpenWebUiTokens tokens;
    String mcpSession;
    final int gatewayManagementPort = FreePorts.any();
    final int adminManagementPort = FreePorts.any();

    RunningDemo(DemoOptions options) {
        this.options = options;
        try {
            this.work = Files.createTempDirectory("mcp-tenant-gateway-demo-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    Path work() {
        return work;
    }

    DemoOptions options() {
        return options;
    }

    void start() throws Exception {
        tenants = DemoTenants.read(options.tenantsFile());
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setDataDirectory(work.resolve("postgres")).setCleanDataDirectory(true).start();
        stopOrder.push(postgres);

        vault = DemoVault.start(work);
        stopOrder.push(vault);
        toolServers = DemoToolServers.start(tenants.tenants());
        stopOrder.push(toolServers);
        for (DemoToolServers.ToolServer server : toolServers.servers()) {
            // compose's vault-init writes the same keys: api_key becomes "Authorization: Bearer <key>" at the backend
            vault.put("mcp-gateway/tenants/" + server.tenant(),
                    Map.of("api_key", server.apiKey(), "jira_url", "https://" + server.tenant() + ".atlassian.example"));
        }
        Path bootstrapFile = tenants.writeBootstrapFile(work.resolve("tenants.yaml"), toolServers.servers());

        Map<String, String> database = Map.of("DATABASE_URL", postgres.getJdbcUrl("postgres", "postgres"),
                "DATABASE_USERNAME", "postgres", "DATABASE_PASSWORD", "postgres",
                "VAULT_ENABLED", "true", "VAULT_ADDR", vault.uri(), "VAULT_TOKEN", vault.token());
        Map<String, String> adminEnvironment = new LinkedHashMap<>(database);
        adminEnvironment.put("ADMIN_BOOTSTRAP_USERNAME", "admin");
        adminEnvironment.put("ADMIN_BOOTSTRAP_PASSWORD", adminPassword);
        adminEnvironment.put("SESSION_COOKIE_SECURE", "false"); // plain http on 127.0.0.1
        Map<String, String> gatewayEnvironment = new LinkedHashMap<>(database);
        gatewayEnvironment.put("MCPGATEWAY_BOOTSTRAP_FILE", bootstrapFile.toString());
        gatewayEnvironment.put("OPENWEBUI_JWT_SECRET", jwtSecret);
        gatewayEnvironment.put("MCPGATEWAY_CLIENT_KEYS", clientKey);
        gatewayEnvironment.put("MCPGATEWAY_TRUST_PLAIN_HEADERS", "false");
        gatewayEnvironment.put("MCPGATEWAY_MCP_SESSION_KEY", sessionKey());

        // Both migrate the schema at startup; Flyway's lock in PostgreSQL lets one wait for the other.
        ChildApp admin = ChildApp.start("tenant-admin", options.adminJar(), options.adminPort(), adminManagementPort,
                adminEnvironment, work.resolve("tenant-admin.log"));
        stopOrder.push(admin);
        ChildApp gateway = ChildApp.start("gateway", options.gatewayJar(), options.gatewayPort(), gatewayManagementPort,
                gatewayEnvironment, work.resolve("gateway.log"));
        stopOrder.push(gateway);
        gateway.awaitReady(gatewayUrl() + "/health", START_LIMIT);
        admin.awaitReady("http://127.0.0.1:" + adminManagementPort + "/actuator/health/readiness", START_LIMIT);

        tokens = new OpenWebUiTokens(jwtSecret, TOKEN_VALIDITY);
        mcpSession = openMcpSession(tokens.forUser(PERSON));
    }

    String gatewayUrl() {
        return "http://127.0.0.1:" + options.gatewayPort();
    }

    String adminUrl() {
        return "http://127.0.0.1:" + options.adminPort();
    }

    /** Stops everything started, newest first, and deletes the demo's directory; safe to call twice. */
    synchronized void stop() {
        while (!stopOrder.isEmpty()) {
            try {
                stopOrder.pop().close();
            } catch (Exception e) {
                System.err.println("demo: while stopping: " + e);
            }
        }
        deleteWork();
    }

    /** initialize on /mcp, as an MCP client's first request; the session id is valid for the caller only. */
    private String openMcpSession(String token) throws IOException, InterruptedException {
        String initialize = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\""
                + MCP_PROTOCOL + "\",\"capabilities\":{},\"clientInfo\":{\"name\":\"demo\",\"version\":\"1\"}}}";
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(gatewayUrl() + "/mcp"))
                .header("Authorization", "Bearer " + clientKey).header("X-OpenWebUI-User-Jwt", token)
                .header("Content-Type", "application/json").header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(initialize)).build(), HttpResponse.BodyHandlers.ofString());
        return response.headers().firstValue("Mcp-Session-Id").orElseThrow(() -> new DemoRefusal(
                "the gateway opened no MCP session (HTTP " + response.statusCode() + "): " + response.body()));
    }

    private static String sessionKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    private void deleteWork() {
        if (!Files.exists(work)) {
            return;
        }
        try (Stream<Path> files = Files.walk(work)) {
            for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            System.err.println("demo: could not delete " + work + ": " + e.getMessage());
        }
    }

    List<DemoToolServers.ToolServer> toolServers() {
        return toolServers.servers();
    }
}
