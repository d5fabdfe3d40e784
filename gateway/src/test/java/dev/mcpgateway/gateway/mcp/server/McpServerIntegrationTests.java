package dev.mcpgateway.gateway.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgateway.testing.InTestMcpServer;
import dev.mcpgateway.testing.TestPostgres;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Two gateway replicas on one database (tenants written by plain SQL) behind no sticky routing: sessions of {@code /mcp} and of the per-tenant
 * pass-through opened on one replica are served by the other; tools are listed per caller and calls are checked
 * like the HTTP path.
 */
class McpServerIntegrationTests {

    private static final String READER = "reader@example.com";
    private static final String WRITER = "writer@example.com";
    private static final String OUTSIDER = "outsider@example.com";

    private static InTestMcpServer alphaBackend;
    private static InTestMcpServer betaBackend;
    private static InTestMcpServer sseBackend;
    private static final AtomicInteger updateCalls = new AtomicInteger();
    private static GatewayInstance replicaA;
    private static GatewayInstance replicaB;
    private static String database;

    @BeforeAll
    static void start() {
        alphaBackend = InTestMcpServer.start()
                .tool("lookup", "Looks a thing up", Map.of("type", "object"), true,
                        args -> InTestMcpServer.text("found " + args.get("q")))
                .tool("update", "Changes a thing", Map.of("type", "object"), false,
                        args -> {
                            updateCalls.incrementAndGet();
                            return InTestMcpServer.text("updated");
                        });
        betaBackend = InTestMcpServer.start()
                .tool("peek", "Reads", Map.of("type", "object"), true, args -> InTestMcpServer.text("peeked"))
                .tool("poke", "Writes", Map.of("type", "object"), null, args -> InTestMcpServer.text("poked"));
        sseBackend = InTestMcpServer.start()
                .tool("peek", "Reads", Map.of("type", "object"), true, args -> InTestMcpServer.text("peeked"))
                .tool("poke", "Writes", Map.of("type", "object"), false, args -> InTestMcpServer.text("poked"));
        sseBackend.answerWithSse(true);
        database = TestPostgres.freshDatabaseUrl();
        // A generous list timeout: on a loaded test machine a first tools/list can be slow; "down" fails fast anyway.
        Map<String, String> settings = Map.of("mcpgateway.mcp.server.list-timeout", "60s");
        replicaA = GatewayInstance.start(database, settings);
        new TenancyRows(database)
                .tenant("alpha", "Alpha", alphaBackend.endpoint(), "mcp", false)
                .tenant("beta", "Beta", betaBackend.endpoint(), "mcp", true)
                .tenant("down", "Down", "http://127.0.0.1:9/mcp", "mcp", false)
                .tenant("sse", "Sse", sseBackend.endpoint(), "mcp", true)
                .rule("alpha", "update", "write")
                .member("alpha", READER, "read").member("beta", READER, "read").member("down", READER, "read")
                .member("sse", READER, "read")
                .member("alpha", WRITER, "write").member("beta", WRITER, "write");
        replicaB = GatewayInstance.start(database, settings);
        TenancyRows.awaitMembership(replicaA, WRITER, "beta");
        TenancyRows.awaitMembership(replicaB, WRITER, "beta");
    }

    @AfterAll
    static void stop() {
        replicaA.close();
        replicaB.close();
        alphaBackend.close();
        betaBackend.close();
        sseBackend.close();
    }

    @Test
    void servesASessionOpenedOnOneReplicaFromTheOther() {
        McpTestClient client = new McpTestClient(replicaA.baseUrl(), "/mcp", WRITER);
        client.initialize();

        client.to(replicaB.baseUrl());
        assertThat(toolNames(client.listTools())).contains("alpha__update", "beta__poke");
        JsonNode call = client.callTool("alpha__lookup", Map.of("q", "x"));

        assertThat(call.path("result").path("content").get(0).path("text").asString()).isEqualTo("found x");
    }

    @Test
    void answersInitializeWithoutContactingAnyBackend() {
        int before = alphaBackend.initializeCount() + betaBackend.initializeCount() + alphaBackend.toolsListCount();
        JsonNode result = new McpTestClient(replicaA.baseUrl(), "/mcp", WRITER).initialize();

        assertThat(result.path("result").path("protocolVersion").asString()).isEqualTo("2025-06-18");
        assertThat(result.path("result").path("capabilities").has("tools")).isTrue();
        assertThat(alphaBackend.initializeCount() + betaBackend.initializeCount() + alphaBackend.toolsListCount())
                .isEqualTo(before);
    }

    @Test
    void listsOnlyTheToolsTheCallerMayUseWithTheirTenantInNameAndDescription() {
        McpTestClient reader = new McpTestClient(replicaA.baseUrl(), "/mcp", READER);
        reader.initialize();
        JsonNode tools = reader.listTools().path("result").path("tools");

        assertThat(toolNames(tools)).containsExactlyInAnyOrder("alpha__lookup", "beta__peek", "sse__peek");
        JsonNode lookup = StreamSupport.stream(tools.spliterator(), false)
                .filter(t -> t.path("name").asString().equals("alpha__lookup")).findFirst().orElseThrow();
        assertThat(lookup.path("description").asString()).contains("Alpha").contains("Looks a thing up");
    }

    @Test
    void leavesOutATenantWhoseBackendIsDownInsteadOfFailingTheList() {
        McpTestClient reader = new McpTestClient(replicaB.baseUrl(), "/mcp", READER);
        reader.initialize();
        JsonNode response = reader.listTools();

        assertThat(response.has("error")).isFalse();
        assertThat(toolNames(response)).isNotEmpty().noneMatch(name -> name.startsWith("down__"));
    }

    @Test
    void refusesACallAboveTheCallersLevelWithoutReachingTheBackend() {
        McpTestClient reader = new McpTestClient(replicaA.baseUrl(), "/mcp", READER);
        reader.initialize();
        JsonNode annotated = reader.callTool("beta__poke", Map.of());
        JsonNode ruled = reader.callTool("alpha__update", Map.of());

        assertThat(annotated.path("error").path("code").asInt()).isEqualTo(JsonRpc.FORBIDDEN);
        assertThat(annotated.path("error").path("message").asString()).contains("requires write access");
        assertThat(ruled.path("error").path("code").asInt()).isEqualTo(JsonRpc.FORBIDDEN);
    }

    @Test
    void treatsToolsOfTenantsTheCallerDoesNotBelongToAsUnknown() {
        McpTestClient writer = new McpTestClient(replicaA.baseUrl(), "/mcp", WRITER);
        writer.initialize();
        JsonNode call = writer.callTool("down__anything", Map.of());

        assertThat(call.path("error").path("code").asInt()).isEqualTo(JsonRpc.INVALID_PARAMS);
        assertThat(call.path("error").path("message").asString()).isEqualTo("Unknown tool: down__anything");
    }

    @Test
    void refusesCallersWithoutIdentityBeforeAnyMcpWork() {
        McpTestClient anonymous = new McpTestClient(replicaA.baseUrl(), "/mcp", null);
        McpTestClient.Response response = anonymous.request("initialize", Map.of("protocolVersion", "2025-06-18"));

        assertThat(response.status()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void doesNotLetAnotherCallerUseASession() {
        McpTestClient writer = new McpTestClient(replicaA.baseUrl(), "/mcp", WRITER);
        writer.initialize();
        McpTestClient outsider = new McpTestClient(replicaA.baseUrl(), "/mcp", OUTSIDER);
        outsider.sessionId(writer.sessionId());

        assertThat(outsider.request("tools/list", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void answers404ToAForgedSessionAnd400ToAMissingOne() {
        McpTestClient writer = new McpTestClient(replicaA.baseUrl(), "/mcp", WRITER);
        assertThat(writer.request("tools/list", Map.of()).status()).isEqualTo(400);

        writer.sessionId("v1.AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA");
        assertThat(writer.request("tools/list", Map.of()).status()).isEqualTo(404);
    }

    @Test
    void refusesAForeignOriginAndAcceptsALoopbackOne() {
        McpTestClient writer = new McpTestClient(replicaA.baseUrl(), "/mcp", WRITER);
        String initialize = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\"}}";

        assertThat(writer.post(initialize, Map.of("Origin", "http://evil.example.com")).status()).isEqualTo(403);
        assertThat(writer.post(initialize, Map.of("Origin", "http://localhost:3000")).status()).isEqualTo(200);
    }

    @Test
    void offersNoServerStreamAndAcceptsTheEndOfASession() {
        McpTestClient writer = new McpTestClient(replicaA.baseUrl(), "/mcp", WRITER);
        writer.initialize();

        assertThat(writer.send(writer.requestBuilder("GET").header("Accept", "text/event-stream").build()).status())
                .isEqualTo(405);
        assertThat(writer.send(writer.requestBuilder("DELETE").build()).status()).isEqualTo(204);
    }

    @Test
    void answersWithAnEventStreamToAClientThatAcceptsOnlyThat() {
        McpTestClient writer = new McpTestClient(replicaA.baseUrl(), "/mcp", WRITER);
        writer.initialize();
        McpTestClient.Response response = writer.post(
                "{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"ping\"}", Map.of("Accept", "text/event-stream"));

        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        assertThat(response.json().path("id").asInt()).isEqualTo(7);
    }

    @Test
    void auditsCallsOnBothEndpointsWithTheirDecision() {
        String auditor = WRITER;
        McpTestClient aggregated = new McpTestClient(replicaA.baseUrl(), "/mcp", READER);
        aggregated.initialize();
        aggregated.callTool("alpha__update", Map.of());
        McpTestClient passThrough = new McpTestClient(replicaB.baseUrl(), "/tools/beta/mcp", auditor);
        passThrough.initialize();
        passThrough.callTool("poke", Map.of());
        JdbcTemplate sql = new JdbcTemplate(TestPostgres.dataSource(database));

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(sql.queryForList("select decision || ' ' || identified_by from audit_event where user_email = ?"
                    + " and tenant_id = 'alpha' and tool = 'update' and reason like 'mcp: requires write access%'",
                    String.class, READER)).contains("deny openwebui-jwt");
            assertThat(sql.queryForList("select decision || ' ' || identified_by from audit_event where user_email = ?"
                    + " and tenant_id = 'beta' and tool = 'poke'", String.class, auditor)).contains("allow openwebui-jwt");
        });
    }

    @Test
    void continuesAPassThroughSessionOnTheOtherReplicaWithTheSameBackendSession() {
        McpTestClient reader = new McpTestClient(replicaA.baseUrl(), "/tools/alpha/mcp", READER);
        int initializes = alphaBackend.initializeCount();
        reader.initialize();

        reader.to(replicaB.baseUrl());
        assertThat(toolNames(reader.listTools())).containsExactly("lookup");
        JsonNode call = reader.callTool("lookup", Map.of("q", "y"));

        assertThat(call.path("result").path("content").get(0).path("text").asString()).isEqualTo("found y");
        assertThat(alphaBackend.initializeCount()).isEqualTo(initializes + 1);
    }

    @Test
    void refusesAPassThroughCallOfAForbiddenToolWithAJsonRpcError() {
        McpTestClient reader = new McpTestClient(replicaA.baseUrl(), "/tools/alpha/mcp", READER);
        reader.initialize();
        int calls = updateCalls.get();
        JsonNode call = reader.callTool("update", Map.of());

        assertThat(call.path("error").path("code").asInt()).isEqualTo(JsonRpc.FORBIDDEN);
        assertThat(call.path("error").path("message").asString()).contains("requires write access");
        assertThat(updateCalls.get()).isEqualTo(calls);
    }

    @Test
    void letsAWriterCallAWriteToolThroughThePassThrough() {
        McpTestClient writer = new McpTestClient(replicaB.baseUrl(), "/tools/alpha/mcp", WRITER);
        writer.initialize();

        assertThat(toolNames(writer.listTools())).containsExactlyInAnyOrder("lookup", "update");
        assertThat(writer.callTool("update", Map.of()).path("result").path("isError").asBoolean(false)).isFalse();
    }

    @Test
    void filtersAToolListTheBackendAnswersAsAnEventStream() {
        McpTestClient reader = new McpTestClient(replicaA.baseUrl(), "/tools/sse/mcp", READER);
        reader.initialize();

        assertThat(toolNames(reader.listTools())).containsExactly("peek");
    }

    @Test
    void refusesThePassThroughToNonMembers() {
        McpTestClient outsider = new McpTestClient(replicaA.baseUrl(), "/tools/alpha/mcp", OUTSIDER);

        assertThat(outsider.request("initialize", Map.of("protocolVersion", "2025-06-18")).status()).isEqualTo(403);
    }

    @Test
    void sendsTheBackendNeitherTheCallersIdentityNorTheirCredentials() {
        McpTestClient reader = new McpTestClient(replicaA.baseUrl(), "/tools/alpha/mcp", READER);
        reader.post("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"initialize\",\"params\":{\"protocolVersion\":\"2025-06-18\"}}",
                Map.of("Authorization", "Bearer caller-secret"));

        Map<String, List<String>> headers = alphaBackend.requestHeaders().get(alphaBackend.requestHeaders().size() - 1);
        assertThat(headers).doesNotContainKeys("authorization", "x-openwebui-user-jwt");
    }

    private static List<String> toolNames(JsonNode listResponse) {
        JsonNode tools = listResponse.has("result") ? listResponse.path("result").path("tools") : listResponse;
        return StreamSupport.stream(tools.spliterator(), false).map(t -> t.path("name").asString()).toList();
    }
}
