package dev.mcpgateway.gateway.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.mcpgateway.gateway.mcp.server.McpRequests.BadMessage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class McpStandardHeadersTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final ModernEnvelope ENVELOPE = new ModernEnvelope("2026-07-28", null, JSON.createObjectNode());
    private static final JsonNode CALL = JSON.readTree(
            "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"acme__echo\"}}");

    @Test
    void acceptsHeadersThatNameWhatTheBodySays() {
        assertThatCode(() -> McpStandardHeaders.check(headers("tools/call", "acme__echo"), CALL, ENVELOPE))
                .doesNotThrowAnyException();
    }

    @Test
    void refusesAnMcpMethodThatDisagreesWithTheBodyAsHeaderMismatch() {
        BadMessage bad = refusal(headers("tools/list", "acme__echo"));

        assertThat(bad.status).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(bad.code).isEqualTo(-32020);
        assertThat(bad.getMessage()).contains("Mcp-Method header names tools/list");
    }

    @Test
    void refusesAnMcpNameThatDisagreesWithTheToolInTheBody() {
        BadMessage bad = refusal(headers("tools/call", "acme__delete"));

        assertThat(bad.code).isEqualTo(-32020);
        assertThat(bad.getMessage()).contains("Mcp-Name header names \"acme__delete\"");
    }

    @Test
    void refusesRequestsWithoutTheRequiredHeaders() {
        HttpHeaders noName = headers("tools/call", null);
        HttpHeaders noMethod = headers(null, "acme__echo");
        HttpHeaders noVersion = headers("tools/call", "acme__echo");
        noVersion.remove("MCP-Protocol-Version");

        assertThat(refusal(noName).getMessage()).contains("required Mcp-Name header is absent");
        assertThat(refusal(noMethod).getMessage()).contains("required Mcp-Method header is absent");
        assertThat(refusal(noVersion).getMessage()).contains("required MCP-Protocol-Version header is absent");
    }

    @Test
    void refusesAVersionHeaderThatDisagreesWithTheEnvelope() {
        HttpHeaders headers = headers("tools/call", "acme__echo");
        headers.set("MCP-Protocol-Version", "2025-06-18");

        assertThat(refusal(headers).code).isEqualTo(-32020);
    }

    @Test
    void decodesABase64NameBeforeComparing() {
        JsonNode call = JSON.readTree("{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":{\"name\":\"größe\"}}");
        String encoded = "=?base64?" + Base64.getEncoder().encodeToString("größe".getBytes(StandardCharsets.UTF_8)) + "?=";

        assertThatCode(() -> McpStandardHeaders.check(headers("tools/call", encoded), call, ENVELOPE))
                .doesNotThrowAnyException();
        assertThat(catchThrowableOfType(BadMessage.class,
                () -> McpStandardHeaders.check(headers("tools/call", "=?base64?***?="), call, ENVELOPE)).code)
                .isEqualTo(-32020);
    }

    private static BadMessage refusal(HttpHeaders headers) {
        return catchThrowableOfType(BadMessage.class, () -> McpStandardHeaders.check(headers, CALL, ENVELOPE));
    }

    private static HttpHeaders headers(String method, String name) {
        HttpHeaders headers = new HttpHeaders();
        headers.set("MCP-Protocol-Version", "2026-07-28");
        if (method != null) {
            headers.set("Mcp-Method", method);
        }
        if (name != null) {
            headers.set("Mcp-Name", name);
        }
        return headers;
    }
}
