package dev.mcpgateway.gateway.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.gateway.identity.OpenWebUiTokens;
import dev.mcpgateway.testing.TestPostgres;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Both MCP eras through the gateway, with real peers from npm: clients of the 2025 era (the v1 TypeScript SDK) and of
 * 2026-07-28 (the SDK v2, pinned and in auto mode), against backends of either era (server-everything: 2025 only; an
 * SDK v2 server with {@code legacy: 'reject'}: 2026-07-28 only; an SDK v2 server with the default: both), on
 * {@code /mcp} and on each tenant's {@code /tools/<tenant>/mcp}. Every pair lists, calls, is refused a tool above the
 * member's level and is limited by the tenant's per-person rate. Two replicas without a session key share the work:
 * stateless clients do not need one.
 */
class McpProtocolErasIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration RUN_BOUND = Duration.ofMinutes(2);
    /** Tenant → its tools: one a reader may call, one that needs write (a rule says so). */
    private static final Map<String, List<String>> TENANT_TOOLS = Map.of(
            "legacy", List.of("echo", "get-sum"), "modern", List.of("echo", "add"), "dual", List.of("echo", "add"));
    private static final String WRITER = "writer@example.com";
    private static final String LISTENER = "listener@example.com";
    private static final String AUDITED = "audited@example.com";
    /** Tests that call a rate-limited tenant's tools each have their own person, so that they never limit each other. */
    private static final String BRIDGED = "bridged@example.com";
    private static final String LOOKER = "looker@example.com";
    private static final String WATCHER = "watcher@example.com";

    private static NpmPeers peers;
    private static final List<Process> processes = new ArrayList<>();
    private static GatewayInstance replicaA;
    private static GatewayInstance replicaB;
    private static Path logs;
    /** The port of tenant "switch", whose backend is replaced by one of the other era during a test. */
    private static int switchPort;
    private static String database;
    private static String watchedUrl;

    enum ClientEra {
        /** {@code @modelcontextprotocol/sdk} 1.x: initialize and a session (2025). */
        V1,
        /** SDK v2 pinned to 2026-07-28. */
        PIN,
        /** SDK v2 in auto mode: server/discover first. */
        AUTO
    }

    @BeforeAll
    static void start() throws IOException {
        peers = NpmPeers.installed();
        logs = Files.createDirectories(Path.of("target", "mcp-eras").toAbsolutePath());
        int everythingPort = NpmPeers.freePort();
        processes.add(peers.start(List.of(peers.node().toString(), "-r", peers.script("bind-loopback.cjs").toString(),
                        peers.module("@modelcontextprotocol/server-everything/dist/index.js").toString(), "streamableHttp"),
                Map.of("PORT", String.valueOf(everythingPort)), logs.resolve("server-everything.log")));
        String modernUrl = sdk2Server("reject", 0, "sdk2-reject.log");
        String dualUrl = sdk2Server("stateless", 0, "sdk2-stateless.log");
        switchPort = NpmPeers.freePort();
        watchedUrl = sdk2Server("stateless", 0, "sdk2-watched.log");
        database = TestPostgres.freshDatabaseUrl();
        Map<String, String> noSessionKey = Map.of("mcpgateway.mcp.session-key", "",
                "mcpgateway.mcp.server.list-timeout", "60s");
        replicaA = GatewayInstance.start(database, noSessionKey);
        TenancyRows rows = new TenancyRows(database)
                .tenant("legacy", "Legacy", "http://127.0.0.1:" + everythingPort + "/mcp", "mcp", false)
                .tenant("modern", "Modern", modernUrl, "mcp", false)
                .tenant("dual", "Dual", dualUrl, "mcp", false)
                .tenant("switch", "Switch", "http://127.0.0.1:" + switchPort + "/mcp", "mcp", false)
                .member("switch", WRITER, "write")
                .member("dual", LISTENER, "read")
                .member("modern", AUDITED, "write").member("dual", AUDITED, "read")
                .member("modern", BRIDGED, "write").member("modern", LOOKER, "read")
                .tenant("watched", "Watched", watchedUrl, "mcp", false).member("watched", WATCHER, "read");
        for (String tenant : TENANT_TOOLS.keySet()) {
            rows.rule(tenant, TENANT_TOOLS.get(tenant).get(1), "write").member(tenant, WRITER, "write");
            // One call per second per person: of calls in quick succession, all but the first are limited.
            rows.sql().update("UPDATE tenant SET rate_limit_per_user_rps = 1, rate_limit_per_user_burst = 1 WHERE id = ?",
                    tenant);
            for (ClientEra client : ClientEra.values()) {
                for (String surface : surfaces()) {
                    rows.member(tenant, reader(client, surface), "read");
                }
            }
        }
        replicaB = GatewayInstance.start(database, noSessionKey);
        String last = reader(ClientEra.AUTO, "dual");
        TenancyRows.awaitMembership(replicaA, last, "dual");
        TenancyRows.awaitMembership(replicaB, last, "dual");
        NpmPeers.awaitListening(everythingPort, Duration.ofSeconds(60));
    }

    @AfterAll
    static void stop() {
        processes.forEach(Process::destroy);
        if (replicaA != null) {
            replicaA.close();
        }
        if (replicaB != null) {
            replicaB.close();
        }
    }

    static Stream<Arguments> clientsAndSurfaces() {
        return Stream.of(ClientEra.values())
                .flatMap(client -> surfaces().stream().map(surface -> Arguments.of(client, surface)));
    }

    @ParameterizedTest(name = "{0} client on {1}")
    @MethodSource("clientsAndSurfaces")
    void listsCallsRefusesAndLimitsAcrossEras(ClientEra client, String surface) {
        boolean aggregated = surface.equals("/mcp");
        List<String> tenants = aggregated ? List.of("legacy", "modern", "dual") : List.of(surface);
        List<String> calls = new ArrayList<>();
        for (String tenant : tenants) {
            String prefix = aggregated ? tenant + "__" : "";
            String writeTool = TENANT_TOOLS.get(tenant).get(1);
            calls.add(prefix + writeTool + "=" + (writeTool.equals("get-sum") ? "{\"a\":1,\"b\":2}" : "{\"a\":1,\"b\":2}"));
            for (int i = 0; i < 4; i++) {
                calls.add(prefix + "echo={\"message\":\"hi\"}");
            }
        }
        // Stateless clients on one replica, session clients on the other: neither needs the session key.
        GatewayInstance replica = client == ClientEra.V1 ? replicaA : replicaB;
        String path = aggregated ? "/mcp" : "/tools/" + surface + "/mcp";

        JsonNode out = run(replica, path, reader(client, surface), client, calls);

        if (client == ClientEra.V1) {
            assertThat(out.path("protocolVersion").asString()).startsWith("2025-");
            assertThat(out.path("sessionId").isNull()).isFalse();
        } else {
            assertThat(out.path("protocolVersion").asString()).isEqualTo("2026-07-28");
            assertThat(out.path("sessionId").isNull()).isTrue();
            assertThat(out.path("ttlMs").asLong()).isEqualTo(60_000);
            assertThat(out.path("cacheScope").asString()).isEqualTo("private");
        }
        List<String> listed = texts(out.path("tools"));
        JsonNode results = out.path("calls");
        for (int t = 0; t < tenants.size(); t++) {
            String tenant = tenants.get(t);
            String prefix = aggregated ? tenant + "__" : "";
            assertThat(listed).as(tenant).contains(prefix + "echo").doesNotContain(prefix + TENANT_TOOLS.get(tenant).get(1));
            JsonNode refused = results.get(t * 5);
            assertThat(refused.path("code").asInt()).as(tenant + " " + refused).isEqualTo(JsonRpc.FORBIDDEN);
            JsonNode first = results.get(t * 5 + 1);
            assertThat(first.path("ok").asBoolean()).as(tenant + " " + first).isTrue();
            assertThat(first.path("text").asString()).isEqualTo("Echo: hi");
            List<JsonNode> later = List.of(results.get(t * 5 + 2), results.get(t * 5 + 3), results.get(t * 5 + 4));
            assertThat(later).as(tenant + " " + later).anySatisfy(call -> {
                assertThat(call.path("ok").asBoolean()).isFalse();
                assertThat(call.path("text").asString().toLowerCase(Locale.ROOT)).contains("limit");
            });
        }
    }

    @Test
    void servesStatelessRequestsOnEitherReplicaWhileSessionsStayOnTheirOwn() {
        McpTestClient client = new McpTestClient(replicaA.baseUrl(), "/mcp", WRITER);
        JsonNode discovered = client.modern("server/discover", Map.of()).json();
        JsonNode listed = client.to(replicaB.baseUrl()).modern("tools/list", Map.of()).json();
        JsonNode called = client.to(replicaA.baseUrl()).modern("tools/call",
                Map.of("name", "modern__add", "arguments", Map.of("a", 2, "b", 3))).json();

        assertThat(texts(discovered.path("result").path("supportedVersions"))).startsWith("2026-07-28", "2025-11-25");
        List<String> names = new ArrayList<>();
        listed.path("result").path("tools").forEach(tool -> names.add(tool.path("name").asString()));
        assertThat(names).contains("modern__add", "legacy__get-sum", "dual__echo");
        assertThat(called.path("result").path("content").get(0).path("text").asString()).isEqualTo("5");
        // No session key: a 2025 session opened on A means nothing to B.
        McpTestClient session = new McpTestClient(replicaA.baseUrl(), "/mcp", WRITER);
        session.initialize();
        assertThat(session.to(replicaB.baseUrl()).request("tools/list", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void learnsABackendsEraAgainWhenItIsReplacedByOneOfTheOtherEra() throws InterruptedException {
        Process everything = peers.start(List.of(peers.node().toString(), "-r", peers.script("bind-loopback.cjs").toString(),
                        peers.module("@modelcontextprotocol/server-everything/dist/index.js").toString(), "streamableHttp"),
                Map.of("PORT", String.valueOf(switchPort)), logs.resolve("switch-everything.log"));
        processes.add(everything);
        NpmPeers.awaitListening(switchPort, Duration.ofSeconds(60));
        McpTestClient client = new McpTestClient(replicaA.baseUrl(), "/mcp", WRITER);
        JsonNode before = client.modern("tools/call", Map.of("name", "switch__echo", "arguments", Map.of("message", "one"))).json();

        everything.destroy();
        everything.waitFor();
        sdk2Server("reject", switchPort, "switch-sdk2.log");
        JsonNode after = client.modern("tools/call", Map.of("name", "switch__echo", "arguments", Map.of("message", "two"))).json();

        assertThat(before.path("result").path("content").get(0).path("text").asString()).as(before.toString())
                .isEqualTo("Echo: one");
        // The 2025 session meets a modern-only server (-32022): the gateway probes again and retries statelessly.
        assertThat(after.path("result").path("content").get(0).path("text").asString()).as(after.toString())
                .isEqualTo("Echo: two");
    }

    @Test
    void tellsAListeningClientWhenItsToolsChangeBecauseItJoinedATenant() throws IOException {
        Path log = logs.resolve("listen-check.log");
        Process listener = peers.start(List.of(peers.node().toString(), peers.script("listen-check.mjs").toString(),
                replicaB.baseUrl() + "/mcp", OpenWebUiTokens.forUser(LISTENER)), Map.of(), log);
        processes.add(listener);
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(log) && Files.readString(log).contains("ACK"));
        assertThat(Files.readString(log)).contains("ACK {\"toolsListChanged\":true}");

        new TenancyRows(database).member("legacy", LISTENER, "read");

        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !listener.isAlive());
        assertThat(Files.readString(log)).contains("CHANGED");
        assertThat(listener.exitValue()).isZero();
    }

    @Test
    void recordsStatelessToolCallsInTheAuditLogOnBothSurfaces() {
        new McpTestClient(replicaA.baseUrl(), "/mcp", AUDITED).modern("tools/call",
                Map.of("name", "modern__add", "arguments", Map.of("a", 1, "b", 1)));
        new McpTestClient(replicaB.baseUrl(), "/tools/dual/mcp", AUDITED).modern("tools/call",
                Map.of("name", "add", "arguments", Map.of("a", 1, "b", 1)));

        JdbcTemplate sql = new TenancyRows(database).sql();
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> sql.queryForObject(
                "SELECT count(*) FROM audit_event WHERE user_email = ? AND tool = 'add'", Integer.class, AUDITED) == 2);
        assertThat(sql.queryForList("SELECT tenant_id, decision FROM audit_event WHERE user_email = ? AND tool = 'add'"
                + " ORDER BY tenant_id", AUDITED)).containsExactly(
                Map.of("tenant_id", "dual", "decision", "deny"), Map.of("tenant_id", "modern", "decision", "allow"));
    }

    @Test
    void relaysOtherMethodsOfStatelessClientsToAStatelessBackendOnlyAndRefusesThemForA2025One() {
        JsonNode prompt = new McpTestClient(replicaA.baseUrl(), "/tools/modern/mcp", WRITER)
                .modern("prompts/get", Map.of("name", "greeting")).json();
        JsonNode refused = new McpTestClient(replicaB.baseUrl(), "/tools/legacy/mcp", WRITER)
                .modern("prompts/get", Map.of("name", "simple-prompt")).json();

        assertThat(prompt.path("result").path("messages").get(0).path("content").path("text").asString())
                .as(prompt.toString()).isEqualTo("Hello from sdk2-reject");
        assertThat(refused.path("error").path("code").asInt()).isEqualTo(JsonRpc.METHOD_NOT_FOUND);
        assertThat(refused.path("error").path("message").asString()).contains("only tools cross between protocol eras");
    }

    @Test
    void sendsTheArgumentsAToolDeclaresAsHeadersToAStatelessBackend() {
        JsonNode encoded = new McpTestClient(replicaA.baseUrl(), "/mcp", LOOKER).modern("tools/call",
                Map.of("name", "modern__lookup", "arguments", Map.of("region", "Zürich"))).json();

        // The backend refuses the call (-32020) unless Mcp-Param-Region carries the region, here Base64-wrapped.
        assertThat(encoded.path("result").path("content").get(0).path("text").asString()).as(encoded.toString())
                .isEqualTo("Looked up in Zürich");
    }

    @Test
    void hearsAStatelessBackendsToolChangesLongBeforeTheToolListExpires() {
        McpTestClient client = new McpTestClient(replicaA.baseUrl(), "/mcp", WATCHER);
        assertThat(toolNames(client.modern("tools/list", Map.of()).json())).contains("watched__echo")
                .doesNotContain("watched__extra");

        // Repeated: the gateway's subscription may still be opening when the first notice is sent.
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).until(() -> {
            HTTP.send(HttpRequest.newBuilder(URI.create(watchedUrl.replace("/mcp", "/admin/extra-tool")))
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding());
            return toolNames(client.modern("tools/list", Map.of()).json()).contains("watched__extra");
        });
    }

    @Test
    void answersAnUnsupportedRevisionWithTheRevisionsBothErasSpeak() {
        McpTestClient client = new McpTestClient(replicaA.baseUrl(), "/mcp", WRITER);
        McpTestClient.Response response = client.post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/list\",\"params\":"
                + "{\"_meta\":{\"io.modelcontextprotocol/protocolVersion\":\"2027-01-01\","
                + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}",
                Map.of("MCP-Protocol-Version", "2027-01-01", "Mcp-Method", "tools/list"));

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.json().path("id").asInt()).isEqualTo(7);
        assertThat(response.json().path("error").path("code").asInt()).isEqualTo(-32022);
        assertThat(texts(response.json().path("error").path("data").path("supported"))).contains("2026-07-28", "2025-06-18");
    }

    @Test
    void refusesAnMcpNameThatNamesAnotherToolThanTheBodyOnBothSurfaces() {
        for (String path : List.of("/mcp", "/tools/modern/mcp")) {
            McpTestClient client = new McpTestClient(replicaB.baseUrl(), path, WRITER);
            String tool = path.equals("/mcp") ? "modern__echo" : "echo";
            McpTestClient.Response response = client.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\","
                    + "\"params\":{\"name\":\"" + tool + "\",\"arguments\":{\"message\":\"x\"},\"_meta\":{"
                    + "\"io.modelcontextprotocol/protocolVersion\":\"2026-07-28\","
                    + "\"io.modelcontextprotocol/clientCapabilities\":{}}}}",
                    Map.of("MCP-Protocol-Version", "2026-07-28", "Mcp-Method", "tools/call", "Mcp-Name", "add"));

            assertThat(response.status()).as(path).isEqualTo(400);
            assertThat(response.json().path("error").path("code").asInt()).as(path).isEqualTo(-32020);
        }
    }

    @Test
    void answersGetAndDeleteWithoutASessionWith405OnBothSurfaces() {
        for (String path : List.of("/mcp", "/tools/modern/mcp", "/tools/legacy/mcp")) {
            for (String method : List.of("GET", "DELETE")) {
                McpTestClient client = new McpTestClient(replicaA.baseUrl(), path, WRITER);
                McpTestClient.Response response = client.send(client.requestBuilder(method).build());

                assertThat(response.status()).as(method + " " + path).isEqualTo(405);
                assertThat(response.headers().firstValue("Allow")).as(method + " " + path).hasValue("POST");
            }
        }
    }

    @Test
    void bridgesAModernOnlyBackendToOpenApiSpecAndToolCalls() throws Exception {
        HttpResponse<String> spec = HTTP.send(HttpRequest.newBuilder(
                URI.create(replicaA.baseUrl() + "/tools/modern/openapi.json")).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> call = HTTP.send(HttpRequest.newBuilder(URI.create(replicaB.baseUrl() + "/tools/modern/add"))
                .header("Content-Type", "application/json").header(OpenWebUiTokens.HEADER, OpenWebUiTokens.forUser(BRIDGED))
                .POST(HttpRequest.BodyPublishers.ofString("{\"a\":20,\"b\":22}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(spec.statusCode()).as(spec.body()).isEqualTo(200);
        assertThat(JSON.readTree(spec.body()).path("paths").has("/add")).isTrue();
        assertThat(call.statusCode()).as(call.body()).isEqualTo(200);
        assertThat(call.body()).isEqualTo("42");
    }

    private static JsonNode run(GatewayInstance replica, String path, String email, ClientEra client, List<String> calls) {
        List<String> command = new ArrayList<>(List.of(peers.node().toString(), peers.script("era-client-check.mjs").toString(),
                replica.baseUrl() + path, OpenWebUiTokens.forUser(email), client.name().toLowerCase(Locale.ROOT)));
        command.addAll(calls);
        NpmPeers.Result result = peers.run(command, Map.of(), RUN_BOUND);
        assertThat(result.exitCode()).as(result.output()).isZero();
        String[] lines = result.output().strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }

    /** Starts the SDK v2 server in {@code legacy} mode on {@code port} (0: any free one); returns its MCP endpoint. */
    private static String sdk2Server(String legacy, int port, String logName) {
        Path log = logs.resolve(logName);
        processes.add(peers.start(List.of(peers.node().toString(), peers.script("sdk2-server.mjs").toString()),
                Map.of("LEGACY", legacy, "PORT", String.valueOf(port)), log));
        Pattern listening = Pattern.compile("LISTENING (\\d+)");
        int[] listeningOn = new int[1];
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            Matcher matcher = listening.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (matcher.find()) {
                listeningOn[0] = Integer.parseInt(matcher.group(1));
                return true;
            }
            return false;
        });
        return "http://127.0.0.1:" + listeningOn[0] + "/mcp";
    }

    private static List<String> surfaces() {
        return List.of("/mcp", "legacy", "modern", "dual");
    }

    private static String reader(ClientEra client, String surface) {
        return client.name().toLowerCase(Locale.ROOT) + "-" + (surface.equals("/mcp") ? "all" : surface) + "@example.com";
    }

    private static List<String> toolNames(JsonNode response) {
        List<String> names = new ArrayList<>();
        response.path("result").path("tools").forEach(tool -> names.add(tool.path("name").asString()));
        return names;
    }

    private static List<String> texts(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asString()));
        return values;
    }
}
