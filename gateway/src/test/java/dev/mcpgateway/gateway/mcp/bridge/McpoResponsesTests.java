package dev.mcpgateway.gateway.mcp.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.gateway.mcp.backend.BackendCallResult;
import dev.mcpgateway.gateway.mcp.backend.BackendRpcException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;

class McpoResponsesTests {

    @Test
    void answersWithTheParsedJsonOfASingleTextContent() {
        McpoResponses.Answer answer = McpoResponses.of(result(text("{\"name\": \"test\", \"value\": 42}")));

        assertThat(answer.status()).isEqualTo(HttpStatus.OK);
        assertThat(answer.body()).isEqualTo(Map.of("name", "test", "value", 42));
    }

    @Test
    void answersWithTheTextWhenItIsNotJson() {
        assertThat(McpoResponses.of(result(text("Hello, World!"))).body()).isEqualTo("Hello, World!");
        assertThat(McpoResponses.of(result(text("{\"value\":}"))).body()).isEqualTo("{\"value\":}");
        assertThat(McpoResponses.of(result(text("42 apples"))).body()).isEqualTo("42 apples");
    }

    @Test
    void answersWithAListForSeveralContentsAndForNone() {
        Map<String, Object> image = Map.of("type", "image", "data", "dGVzdA==", "mimeType", "image/png");
        Map<String, Object> resource = Map.of("type", "resource", "resource",
                Map.of("uri", "file://test.txt", "text", "Resource content", "mimeType", "text/plain"));

        Object body = McpoResponses.of(result(text("Hello"), text("[1,2]"), image, resource)).body();

        assertThat(body).isEqualTo(List.of("Hello", List.of(1, 2), "data:image/png;base64,dGVzdA==",
                Map.of("type", "text_resource", "uri", "file://test.txt", "text", "Resource content",
                        "mimeType", "text/plain")));
        assertThat(McpoResponses.of(result()).body()).isEqualTo(List.of());
    }

    @Test
    void answersWithADataUriForBlobResources() {
        Map<String, Object> blob = Map.of("type", "resource", "resource",
                Map.of("uri", "file://test.bin", "blob", "SGVsbG8="));

        Map<String, Object> expected = new HashMap<>();
        expected.put("type", "blob_resource");
        expected.put("uri", "file://test.bin");
        expected.put("data", "data:application/octet-stream;base64,SGVsbG8=");
        expected.put("mimeType", null);

        assertThat(McpoResponses.of(result(blob)).body()).isEqualTo(expected);
    }

    @Test
    void answersAToolFailureWith500AndItsMessage() {
        McpoResponses.Answer answer = McpoResponses.of(new BackendCallResult(List.of(text("disk full")), true, null));

        assertThat(answer.status()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(answer.body()).isEqualTo(Map.of("detail", Map.of("message", "disk full")));
        assertThat(new String(answer.bytes())).isEqualTo("{\"detail\":{\"message\":\"disk full\"}}");
    }

    @Test
    void answersBackendJsonRpcErrorsWithMcposStatuses() {
        assertThat(McpoResponses.of(new BackendRpcException("acme", -32602, "Unknown tool: x")).status())
                .isEqualTo(HttpStatus.UNPROCESSABLE_CONTENT);
        assertThat(McpoResponses.of(new BackendRpcException("acme", -32601, "no")).status()).isEqualTo(HttpStatus.NOT_FOUND);
        assertThat(McpoResponses.of(new BackendRpcException("acme", -32600, "no")).status()).isEqualTo(HttpStatus.BAD_REQUEST);
        McpoResponses.Answer other = McpoResponses.of(new BackendRpcException("acme", -32000, "boom"));
        assertThat(other.status()).isEqualTo(HttpStatus.INTERNAL_SERVER_ERROR);
        assertThat(other.body()).isEqualTo(Map.of("detail", Map.of("message", "boom")));
    }

    @SafeVarargs
    private static BackendCallResult result(Map<String, Object>... contents) {
        return new BackendCallResult(List.of(contents), false, null);
    }

    private static Map<String, Object> text(String text) {
        return Map.of("type", "text", "text", text);
    }
}
