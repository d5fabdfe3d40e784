package dev.mcpgateway.gateway.mcp.backend;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;

class McpParamHeadersTests {

    private static final Map<String, Object> SCHEMA = Map.of("type", "object", "properties", Map.of(
            "region", Map.of("type", "string", "x-mcp-header", "Region"),
            "limit", Map.of("type", "integer", "x-mcp-header", "Limit"),
            "query", Map.of("type", "string"),
            "target", Map.of("type", "object", "properties", Map.of(
                    "dryRun", Map.of("type", "boolean", "x-mcp-header", "Dry-Run")))));

    @Test
    void sendsEachDeclaredArgumentAsItsHeader() {
        HttpHeaders headers = McpParamHeaders.of(SCHEMA, Map.of("region", "eu-west", "limit", 10.0, "query", "x",
                "target", Map.of("dryRun", true)));

        assertThat(headers.toSingleValueMap()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "Mcp-Param-Region", "eu-west", "Mcp-Param-Limit", "10", "Mcp-Param-Dry-Run", "true"));
    }

    @Test
    void wrapsValuesThatAreNotPlainVisibleAsciiInBase64() {
        HttpHeaders headers = McpParamHeaders.of(SCHEMA, Map.of("region", "Zürich"));

        assertThat(headers.getFirst("Mcp-Param-Region")).isEqualTo(
                "=?base64?" + Base64.getEncoder().encodeToString("Zürich".getBytes(StandardCharsets.UTF_8)) + "?=");
        assertThat(McpParamHeaders.of(SCHEMA, Map.of("region", " padded")).getFirst("Mcp-Param-Region")).startsWith("=?base64?");
    }

    @Test
    void sendsNothingForArgumentsThatAreAbsentOrUndeclared() {
        assertThat(McpParamHeaders.of(SCHEMA, Map.of("query", "x")).isEmpty()).isTrue();
        assertThat(McpParamHeaders.of(Map.of("type", "object"), Map.of("region", "eu")).isEmpty()).isTrue();
    }
}
