package dev.mcpgateway.gateway.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.gateway.identity.OpenWebUiTokens;
import dev.mcpgateway.testing.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The gateway against real MCP peers from npm: {@code server-everything} (Streamable HTTP) as an {@code mcp} tenant's
 * backend, the TypeScript SDK's client on {@code /mcp} and {@code /tools/<tenant>/mcp}, and the conformance suite on
 * the pass-through (no failure beyond server-everything's own) and on DNS rebinding protection. Needs Node.js and npm
 * with access to the npm registry on first run (see {@link NpmPeers}).
 */
class McpInteropIntegrationTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String WRITER = "writer@example.com";
    private static final String READER = "reader@example.com";
    private static final String CONFORMANCE = "conformance@example.com";
    private static final Duration RUN_BOUND = Duration.ofMinutes(3);

    private static NpmPeers peers;
    private static Process everything;
    private static Process identityProxy;
    private static String everythingUrl;
    private static String proxyUrl;
    private static GatewayInstance gateway;
    private static Path logs;

    @BeforeAll
    static void start() throws IOException {
        peers = NpmPeers.installed();
        logs = Files.createDirectories(Path.of("target", "mcp-interop").toAbsolutePath());
        int port = NpmPeers.freePort();
        everything = peers.start(List.of(peers.node().toString(), "-r", peers.script("bind-loopback.cjs").toString(),
                        peers.module("@modelcontextprotocol/server-everything/dist/index.js").toString(), "streamableHttp"),
                Map.of("PORT", String.valueOf(port)), logs.resolve("server-everything.log"));
        everythingUrl = "http://127.0.0.1:" + port + "/mcp";
        String database = TestPostgres.freshDatabaseUrl();
        gateway = GatewayInstance.start(database, Map.of());
        // everything: rules hide get-sum from readers and get-env from everyone; conformance: no rules at all.
        new TenancyRows(database)
                .tenant("everything", "Everything", everythingUrl, "mcp", false)
                .tenant("conformance", "Conformance", everythingUrl, "mcp", false)
                .rule("everything", "get-sum", "write").rule("everything", "get-env", "deny")
                .member("everything", WRITER, "write").member("everything", READER, "read")
                .member("conformance", CONFORMANCE, "admin");
        TenancyRows.awaitMembership(gateway, CONFORMANCE, "conformance");
        identityProxy = peers.start(List.of(peers.node().toString(), peers.script("identity-proxy.mjs").toString()),
                Map.of("GATEWAY_URL", gateway.baseUrl(), "IDENTITY_JWT", longLivedToken(CONFORMANCE)),
                logs.resolve("identity-proxy.log"));
        NpmPeers.awaitListening(port, Duration.ofSeconds(60));
        proxyUrl = "http://127.0.0.1:" + awaitProxyPort();
    }

    @AfterAll
    static void stop() {
        for (Process process : new Process[] {identityProxy, everything}) {
            if (process != null) {
                process.destroy();
            }
        }
        if (gateway != null) {
            gateway.close();
        }
    }

    @Test
    void sdkClientOnTheAggregatedEndpointSeesAndCallsTheWritersTools() {
        JsonNode writer = sdkClient("/mcp", WRITER, "everything__echo={\"message\":\"hi\"}",
                "everything__get-sum={\"a\":1,\"b\":2}");

        assertThat(names(writer.path("tools"))).contains("everything__echo", "everything__get-sum")
                .doesNotContain("everything__get-env");
        assertThat(writer.path("calls").path("everything__echo").path("ok").asBoolean()).isTrue();
        assertThat(writer.path("calls").path("everything__get-sum").path("content").get(0).path("text").asString())
                .contains("3");
        assertThat(writer.path("terminated").asBoolean()).isTrue();
    }

    @Test
    void sdkClientOnTheAggregatedEndpointCannotCallAToolAboveTheReadersLevel() {
        JsonNode reader = sdkClient("/mcp", READER, "everything__get-sum={\"a\":1,\"b\":2}",
                "everything__echo={\"message\":\"hi\"}");

        assertThat(names(reader.path("tools"))).contains("everything__echo").doesNotContain("everything__get-sum");
        assertThat(reader.path("calls").path("everything__get-sum").path("ok").asBoolean()).isFalse();
        assertThat(reader.path("calls").path("everything__get-sum").path("code").asInt()).isEqualTo(JsonRpc.FORBIDDEN);
        assertThat(reader.path("calls").path("everything__echo").path("ok").asBoolean()).isTrue();
    }

    @Test
    void sdkClientOnThePassThroughSeesOnlyAllowedToolsAndForbiddenCallsFail() {
        JsonNode reader = sdkClient("/tools/everything/mcp", READER, "get-sum={\"a\":1,\"b\":2}",
                "echo={\"message\":\"hi\"}", "get-env={}");

        assertThat(names(reader.path("tools"))).contains("echo").doesNotContain("get-sum", "get-env");
        assertThat(reader.path("calls").path("get-sum").path("code").asInt()).isEqualTo(JsonRpc.FORBIDDEN);
        assertThat(reader.path("calls").path("get-env").path("code").asInt()).isEqualTo(JsonRpc.FORBIDDEN);
        assertThat(reader.path("calls").path("echo").path("content").get(0).path("text").asString())
                .isEqualTo("Echo: hi");
    }

    @Test
    void conformanceSuiteThroughThePassThroughFailsNoScenarioBeyondServerEverythingsOwn() {
        NpmPeers.Result result = conformance(proxyUrl + "/tools/conformance/mcp", null, baseline(false));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("Baseline check passed");
    }

    @Test
    void conformanceBaselineListsOnlyScenariosThatFailOnServerEverythingItself() {
        NpmPeers.Result result = conformance(everythingUrl, null, baseline(true));

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void dnsRebindingProtectionScenarioPassesOnBothGatewayEndpoints() {
        for (String path : List.of("/mcp", "/tools/conformance/mcp")) {
            NpmPeers.Result result = conformance(proxyUrl + path, "dns-rebinding-protection", null);

            assertThat(result.exitCode()).as(path + "\n" + result.output()).isZero();
            assertThat(result.output()).contains("Passed: 2/2, 0 failed");
        }
    }

    private static JsonNode sdkClient(String path, String email, String... calls) {
        List<String> command = new ArrayList<>(List.of(peers.node().toString(),
                peers.script("mcp-client-check.mjs").toString(), gateway.baseUrl() + path,
                OpenWebUiTokens.forUser(email)));
        command.addAll(List.of(calls));
        NpmPeers.Result result = peers.run(command, Map.of(), RUN_BOUND);
        assertThat(result.exitCode()).as(result.output()).isZero();
        String[] lines = result.output().strip().split("\n");
        return JSON.readTree(lines[lines.length - 1]);
    }

    private static NpmPeers.Result conformance(String url, String scenario, Path expectedFailures) {
        List<String> command = new ArrayList<>(List.of(peers.node().toString(),
                peers.module("@modelcontextprotocol/conformance/dist/index.js").toString(), "server", "--url", url,
                "-o", logs.resolve("conformance").toString()));
        if (scenario != null) {
            command.addAll(List.of("--scenario", scenario));
        }
        if (expectedFailures != null) {
            command.addAll(List.of("--expected-failures", expectedFailures.toString()));
        }
        return peers.run(command, Map.of(), RUN_BOUND);
    }

    /** The expected-failures file; for server-everything itself plus dns-rebinding-protection, which it lacks. */
    private static Path baseline(boolean forServerEverythingItself) {
        Path file = peers.script("conformance-expected-failures.yml");
        if (!forServerEverythingItself) {
            return file;
        }
        try {
            Path extended = logs.resolve("server-everything-expected-failures.yml");
            Files.writeString(extended, Files.readString(file) + "  - dns-rebinding-protection\n");
            return extended;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Conformance runs take a while; Open WebUI's tokens live 300 s, this one an hour. */
    private static String longLivedToken(String email) {
        return OpenWebUiTokens.sign(OpenWebUiTokens.SECRET, OpenWebUiTokens.claims(email)
                .expirationTime(Date.from(Instant.now().plus(Duration.ofHours(1)))).build());
    }

    private static int awaitProxyPort() {
        Path log = logs.resolve("identity-proxy.log");
        Pattern listening = Pattern.compile("LISTENING (\\d+)");
        int[] port = new int[1];
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            Matcher matcher = listening.matcher(Files.exists(log) ? Files.readString(log) : "");
            if (matcher.find()) {
                port[0] = Integer.parseInt(matcher.group(1));
                return true;
            }
            return false;
        });
        return port[0];
    }

    private static List<String> names(JsonNode array) {
        List<String> names = new ArrayList<>();
        array.forEach(node -> names.add(node.asString()));
        return names;
    }
}
