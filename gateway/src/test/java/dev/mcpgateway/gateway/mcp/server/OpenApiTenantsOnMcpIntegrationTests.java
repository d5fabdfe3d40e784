package dev.mcpgateway.gateway.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.gateway.openapi.TenantSpecCache;
import dev.mcpgateway.gateway.support.GatewayIntegrationTest;
import dev.mcpgateway.testing.FakeMcpoServer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.test.web.reactive.server.EntityExchangeResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code openapi} (mcpo) tenants on the aggregated {@code /mcp} endpoint: their tools are listed per caller from the
 * same cached spec the OpenAPI endpoints serve, and a {@code tools/call} becomes {@code POST <backend>/<tool>}.
 */
// The spec-sharing test runs first: before any /mcp call in this context, a second, private spec cache would have to
// fetch the spec again, which is what it checks does not happen.
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OpenApiTenantsOnMcpIntegrationTests extends GatewayIntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Autowired
    private TenantSpecCache specCache;

    @Test
    @Order(1)
    void listsTheCallersMcpoToolsFromTheSharedSpecCache() {
        specCache.invalidate("google");
        int fetchesBefore = GOOGLE_BACKEND.specFetches();
        client.get().uri("/tools/google/openapi.json").exchange().expectStatus().isOk();

        String session = initialize("reader@google.com");
        List<String> tools = toolNames(rpc("reader@google.com", session, "tools/list", "{}"));

        assertThat(tools).contains("google__read_file", "google__list_allowed_directories")
                .doesNotContain("google__write_file", "google__move_file")   // rules above the reader's level
                .noneMatch(name -> name.startsWith("microsoft__") || name.startsWith("company-c__"));
        assertThat(GOOGLE_BACKEND.specFetches()).as("one spec fetch serves the spec endpoint and /mcp")
                .isEqualTo(fetchesBefore + 1);
    }

    @Test
    @Order(2)
    void callsAnMcpoToolAsAPostToTheBackend() {
        String session = initialize("john@company.com");
        int callsBefore = toolCalls().size();

        JsonNode answer = rpc("john@company.com", session, "tools/call",
                "{\"name\": \"google__read_file\", \"arguments\": {\"path\": \"/tmp/a.txt\"}}");

        assertThat(answer.at("/result/isError").asBoolean()).isFalse();
        assertThat(JSON.readTree(answer.at("/result/content/0/text").asString()).path("tool").asString()).isEqualTo("read_file");
        List<FakeMcpoServer.Request> received = toolCalls();
        assertThat(received).hasSize(callsBefore + 1);
        assertThat(received.get(received.size() - 1).path()).isEqualTo("/read_file");
        assertThat(received.get(received.size() - 1).body()).contains("/tmp/a.txt");
    }

    private static List<FakeMcpoServer.Request> toolCalls() {
        return GOOGLE_BACKEND.requests().stream().filter(request -> request.method().equals("POST")).toList();
    }

    private String initialize(String user) {
        EntityExchangeResult<byte[]> result = post(user, null, """
                {"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"protocolVersion": "2025-06-18",
                 "capabilities": {}, "clientInfo": {"name": "test", "version": "1"}}}""");
        String session = result.getResponseHeaders().getFirst("Mcp-Session-Id");
        assertThat(session).as("Mcp-Session-Id").isNotBlank();
        post(user, session, "{\"jsonrpc\": \"2.0\", \"method\": \"notifications/initialized\"}");
        return session;
    }

    private JsonNode rpc(String user, String session, String method, String params) {
        byte[] body = post(user, session, "{\"jsonrpc\": \"2.0\", \"id\": 2, \"method\": \"" + method + "\", \"params\": "
                + params + "}").getResponseBody();
        JsonNode answer = JSON.readTree(body);
        assertThat(answer.has("error")).as("JSON-RPC error: " + answer).isFalse();
        return answer;
    }

    private EntityExchangeResult<byte[]> post(String user, String session, String message) {
        return client.post().uri("/mcp")
                .header(EMAIL_HEADER, user)
                .headers(headers -> {
                    if (session != null) {
                        headers.set("Mcp-Session-Id", session);
                    }
                })
                .contentType(MediaType.APPLICATION_JSON)
                .accept(MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM)
                .bodyValue(message)
                .exchange()
                .expectStatus().is2xxSuccessful()
                .expectBody().returnResult();
    }

    private static List<String> toolNames(JsonNode answer) {
        List<String> names = new ArrayList<>();
        answer.at("/result/tools").forEach(tool -> names.add(tool.path("name").asString()));
        return names;
    }
}
