package dev.mcpgateway.gateway.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.gateway.directory.TenantDirectory;
import dev.mcpgateway.gateway.identity.OpenWebUiTokens;
import dev.mcpgateway.gateway.mcp.server.HostileToolServer.Flood;
import dev.mcpgateway.testing.InTestMcpServer;
import dev.mcpgateway.testing.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tool server that answers without end, or announces a 50 GiB answer, behind each of the four paths a tool call
 * takes, with {@code mcpgateway.limits.max-response-size=1MB}: HTTP to an {@code openapi} tenant, the mcpo bridge,
 * {@code /mcp} and the MCP pass-through. Each answers the capped error within a bounded time, closes the connection
 * to the tool server after reading little more than the cap (so the gateway cannot have held more), lets an answer
 * just under the cap through whole, and leaves other tenants alone. A tenant's own limit replaces the default.
 */
class AnswerSizeLimitIntegrationTests {

    private static final int CAP = 1024 * 1024;
    private static final String USER = "user@example.com";
    private static final String SENTENCE = "exceeded the size limit of 1 MiB";
    /** What the tool server may have written before the gateway closed the connection: the cap plus socket buffers. */
    private static final long MOST_SENT = 24L * 1024 * 1024;
    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static HostileToolServer hostile;
    private static InTestMcpServer calm;
    private static GatewayInstance gateway;
    private static TenancyRows rows;

    @BeforeAll
    static void start() {
        hostile = HostileToolServer.start();
        calm = InTestMcpServer.start()
                .tool("peek", "Reads", Map.of("type", "object"), true, args -> InTestMcpServer.text("peeked"));
        String database = TestPostgres.freshDatabaseUrl();
        gateway = GatewayInstance.start(database, Map.of("mcpgateway.limits.max-response-size", "1MB",
                "mcpgateway.mcp.server.list-timeout", "30s"));
        rows = new TenancyRows(database)
                .tenant("flood-http", "Flood HTTP", hostile.url(), "openapi", false)
                .tenant("flood-mcp", "Flood MCP", hostile.mcpEndpoint(), "mcp", false)
                .tenant("roomy", "Roomy", hostile.url(), "openapi", false)
                .tenant("calm", "Calm", calm.endpoint(), "mcp", false);
        rows.sql().update("UPDATE tenant SET max_response_bytes = ? WHERE id = 'roomy'", 3L * CAP);
        for (String tenant : new String[] {"flood-http", "flood-mcp", "roomy", "calm"}) {
            rows.member(tenant, USER, "write");
        }
        TenantDirectory directory = gateway.bean(TenantDirectory.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.current().levelOf(USER, "calm") != null
                && directory.current().tenant("roomy").map(Tenant::maxResponseBytes).isPresent());
    }

    @AfterAll
    static void stop() {
        gateway.close();
        hostile.close();
        calm.close();
    }

    @BeforeEach
    void forgetEarlierFloods() {
        hostile.resetCounts();
        hostile.sized(1024);
    }

    // HTTP: POST /tools/<tenant>/<tool> forwarded to an openapi tool server

    @Test
    void refusesAnHttpAnswerAnnouncedAboveTheCapWithA502ProblemBeforeReadingIt() {
        hostile.flood(Flood.HUGE_LENGTH);

        HttpResponse<String> response = post("/tools/flood-http/flood", "{}");

        assertProblem(response, "flood-http");
        assertToolServerConnectionClosed();
    }

    @Test
    void cutsOffAnEndlessHttpAnswerSoonAfterTheCapSoTheCallerNeverTakesItForWhole() {
        hostile.flood(Flood.ENDLESS_JSON);

        Received received = postStreaming("/tools/flood-http/flood", "{}");

        assertThat(received.status()).isEqualTo(200);
        assertThat(received.bytes()).isLessThanOrEqualTo(CAP);
        assertThat(received.completed()).as("a cut-off answer must not end like a whole one").isFalse();
        assertToolServerConnectionClosed();
        await().atMost(BOUND).untilAsserted(() -> assertThat(rows.sql().queryForList(
                "SELECT status FROM audit_event WHERE tenant_id = 'flood-http' AND tool = 'flood'", Integer.class))
                .contains(502).doesNotContain(200));
    }

    @Test
    void passesAnHttpAnswerJustUnderTheCapIntact() {
        hostile.sized(CAP - 1);

        HttpResponse<String> response = post("/tools/flood-http/sized", "{}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(new String(HostileToolServer.sizedJson(CAP - 1)));
    }

    @Test
    void appliesTheTenantsOwnLimitInsteadOfTheDefault() {
        hostile.sized(2 * CAP);

        HttpResponse<String> roomy = post("/tools/roomy/sized", "{}");
        HttpResponse<String> capped = post("/tools/flood-http/sized", "{}");

        assertThat(roomy.statusCode()).isEqualTo(200);
        assertThat(roomy.body()).hasSize(2 * CAP);
        assertProblem(capped, "flood-http");
    }

    // The mcpo bridge: POST /tools/<tenant>/<tool> for an mcp tool server, answered from its tools/call

    @ParameterizedTest
    @EnumSource(Flood.class)
    void answersABridgedCallWhoseAnswerPassesTheCapWithA502Problem(Flood flood) {
        hostile.flood(flood);

        HttpResponse<String> response = post("/tools/flood-mcp/flood", "{}");

        assertProblem(response, "flood-mcp");
        assertToolServerConnectionClosed();
    }

    @Test
    void passesABridgedAnswerJustUnderTheCapIntact() {
        hostile.sized(CAP - 200);

        HttpResponse<String> response = post("/tools/flood-mcp/sized", "{}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).asString()).hasSize(CAP - 200);
    }

    // /mcp: the aggregated server's tools/call, to an mcp and to an openapi tool server

    @ParameterizedTest
    @EnumSource(Flood.class)
    void answersAnAggregatedCallToAnMcpToolServerWithAJsonRpcErrorNamingTheLimit(Flood flood) {
        hostile.flood(flood);
        JsonNode answer = callTool("/mcp", "flood-mcp__flood").json();

        assertJsonRpcError(answer, "flood-mcp");
        assertToolServerConnectionClosed();
    }

    @ParameterizedTest
    @EnumSource(value = Flood.class, names = {"ENDLESS_JSON", "HUGE_LENGTH"})
    void answersAnAggregatedCallToAnOpenApiToolServerWithAJsonRpcErrorNamingTheLimit(Flood flood) {
        hostile.flood(flood);
        JsonNode answer = callTool("/mcp", "flood-http__flood").json();

        assertJsonRpcError(answer, "flood-http");
        assertToolServerConnectionClosed();
    }

    @Test
    void passesAnAggregatedAnswerJustUnderTheCapIntact() {
        hostile.sized(CAP - 200);
        JsonNode answer = callTool("/mcp", "flood-mcp__sized").json();

        assertThat(answer.path("result").path("content").get(0).path("text").asString()).hasSize(CAP - 200);
    }

    // The pass-through: /tools/<tenant>/mcp

    @ParameterizedTest
    @EnumSource(value = Flood.class, names = {"ENDLESS_JSON", "HUGE_LENGTH"})
    void answersAPassedThroughCallWhoseJsonAnswerPassesTheCapWithAJsonRpcError(Flood flood) {
        hostile.flood(flood);
        McpTestClient.Response response = callTool("/tools/flood-mcp/mcp", "flood");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body().length()).isLessThan(4096);
        assertJsonRpcError(response.json(), "flood-mcp");
        assertToolServerConnectionClosed();
    }

    @Test
    void endsAPassedThroughEventStreamThatPassesTheCapWithAnErrorEvent() {
        hostile.flood(Flood.ENDLESS_EVENTS);
        McpTestClient.Response response = callTool("/tools/flood-mcp/mcp", "flood");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        assertThat(response.body().length()).isLessThanOrEqualTo(CAP + 4096);
        String[] events = response.body().split("\n\n");
        String last = events[events.length - 1];
        assertThat(last).startsWith("event: message\ndata: ");
        JsonNode error = JSON.readTree(last.substring("event: message\ndata: ".length()));
        assertThat(error.path("id").asInt()).isEqualTo(2);
        assertJsonRpcError(error, "flood-mcp");
        assertToolServerConnectionClosed();
    }

    @Test
    void passesAPassedThroughAnswerJustUnderTheCapIntact() {
        hostile.sized(CAP - 200);
        JsonNode answer = callTool("/tools/flood-mcp/mcp", "sized").json();

        assertThat(answer.path("result").path("content").get(0).path("text").asString()).hasSize(CAP - 200);
    }

    // Everyone else

    @Test
    void servesOtherTenantsWhileAToolServerFloods() {
        hostile.flood(Flood.ENDLESS_JSON);
        List<CompletableFuture<Received>> floods = IntStream.range(0, 4)
                .mapToObj(i -> CompletableFuture.supplyAsync(() -> postStreaming("/tools/flood-http/flood", "{}")))
                .toList();

        JsonNode answer = callTool("/mcp", "calm__peek").json();

        assertThat(answer.path("result").path("content").get(0).path("text").asString()).isEqualTo("peeked");
        assertThat(floods).allSatisfy(flood -> assertThat(flood.join().completed()).isFalse());
        assertThat(hostile.floodsStarted()).isEqualTo(4);
        assertToolServerConnectionClosed();
    }

    private static void assertProblem(HttpResponse<String> response, String tenant) {
        assertThat(response.statusCode()).isEqualTo(502);
        assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(response.headers().firstValue("Content-Length").map(Long::parseLong).orElse(0L))
                .isLessThan(HostileToolServer.HUGE_LENGTH);
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.path("status").asInt()).isEqualTo(502);
        assertThat(problem.path("tenant").asString()).isEqualTo(tenant);
        assertThat(problem.path("maxResponseBytes").asLong()).isEqualTo(CAP);
        assertThat(problem.path("detail").asString()).contains("tenant '" + tenant + "'").contains(SENTENCE);
    }

    private static void assertJsonRpcError(JsonNode answer, String tenant) {
        assertThat(answer.has("result")).isFalse();
        assertThat(answer.path("error").path("code").asInt()).isEqualTo(JsonRpc.BACKEND_UNAVAILABLE);
        assertThat(answer.path("error").path("message").asString())
                .contains("tenant '" + tenant + "'").contains(SENTENCE);
    }

    /** Every flood's connection was closed by the gateway, after little more than the cap each. */
    private static void assertToolServerConnectionClosed() {
        await().atMost(BOUND).until(() -> hostile.floodsStarted() > 0
                && hostile.floodsClosed() == hostile.floodsStarted());
        assertThat(hostile.floodBytes()).isLessThan(MOST_SENT * hostile.floodsStarted());
    }

    private static HttpResponse<String> post(String path, String body) {
        return send(request(path, body).build(), bounded());
    }

    /**
     * A session on the MCP endpoint at {@code path}, then one {@code tools/call} of {@code tool} (JSON-RPC id 2),
     * read with a bound so that an uncapped answer fails the test rather than the test's memory.
     */
    private static McpTestClient.Response callTool(String path, String tool) {
        McpTestClient client = new McpTestClient(gateway.baseUrl(), path, USER);
        client.initialize();
        String call = JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "id", 2, "method", "tools/call",
                "params", Map.of("name", tool, "arguments", Map.of())));
        HttpResponse<String> response = send(request(path, call)
                .header("Accept", "application/json, text/event-stream")
                .header("Mcp-Session-Id", client.sessionId())
                .build(), bounded());
        return new McpTestClient.Response(response.statusCode(), response.headers(), response.body());
    }

    /** The body as text, up to {@link #MOST_SENT} bytes; an answer that is longer fails the test. */
    private static HttpResponse.BodyHandler<String> bounded() {
        return info -> HttpResponse.BodySubscribers.mapping(HttpResponse.BodySubscribers.ofInputStream(), in -> {
            try (in) {
                byte[] body = in.readNBytes((int) MOST_SENT);
                assertThat(in.read()).as("an answer larger than %d bytes reached the caller", MOST_SENT).isEqualTo(-1);
                return new String(body, java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static <T> HttpResponse<T> send(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return HTTP.send(request, handler);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Received postStreaming(String path, String body) {
        return read(send(request(path, body).build(), HttpResponse.BodyHandlers.ofInputStream()));
    }

    /**
     * Reads the answer as it streams, counting bytes, and whether it ended cleanly or was cut off. Stops reading at
     * {@link #MOST_SENT}, so an answer that is not capped fails the test instead of running forever.
     */
    private static Received read(HttpResponse<InputStream> response) {
        long bytes = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = response.body()) {
            for (int read = in.read(buffer); read >= 0 && bytes < MOST_SENT; read = in.read(buffer)) {
                bytes += read;
            }
            if (bytes >= MOST_SENT) {
                return new Received(response.statusCode(), bytes, false);
            }
            return new Received(response.statusCode(), bytes, true);
        } catch (IOException cutOff) {
            return new Received(response.statusCode(), bytes, false);
        }
    }

    private static HttpRequest.Builder request(String path, String body) {
        return HttpRequest.newBuilder(URI.create(gateway.baseUrl() + path))
                .timeout(BOUND)
                .header("Content-Type", "application/json")
                .header(OpenWebUiTokens.HEADER, OpenWebUiTokens.forUser(USER))
                .POST(HttpRequest.BodyPublishers.ofString(body));
    }

    private record Received(int status, long bytes, boolean completed) {
    }
}
