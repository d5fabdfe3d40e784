package dev.mcpgateway.gateway.mcp.bridge;

import dev.mcpgateway.gateway.mcp.backend.BackendCallResult;
import dev.mcpgateway.gateway.mcp.backend.BackendRpcException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns MCP {@code tools/call} outcomes into HTTP answers exactly as mcpo does, so an Open WebUI OpenAPI connection
 * to an {@code mcp} tenant behaves like one to mcpo: each text content is parsed as JSON when it is JSON and kept as
 * text otherwise, images become data URIs, embedded resources small objects; one content is the body itself, several
 * a list. A result with {@code isError} is a 500 with {@code {"detail":{"message":<first text>}}}; a JSON-RPC error
 * of the backend gets mcpo's status for its code (400, 404, 422, else 500) and the backend's message.
 */
final class McpoResponses {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** Content mcpo leaves out of the answer (e.g. resource links). */
    private static final Object LEFT_OUT = new Object();
    private static final String UNKNOWN_ERROR = "Unknown tool execution error";

    private McpoResponses() {
    }

    /** The HTTP status and JSON body for {@code result}. */
    static Answer of(BackendCallResult result) {
        if (result.isError()) {
            String message = UNKNOWN_ERROR;
            if (!result.content().isEmpty() && "text".equals(result.content().get(0).get("type"))
                    && result.content().get(0).get("text") instanceof String text) {
                message = text;
            }
            return new Answer(HttpStatus.INTERNAL_SERVER_ERROR, Map.of("detail", Map.of("message", message)));
        }
        List<Object> items = new ArrayList<>(result.content().size());
        for (Map<String, Object> content : result.content()) {
            Object item = item(content);
            if (item != LEFT_OUT) {
                items.add(item);
            }
        }
        return new Answer(HttpStatus.OK, items.size() == 1 ? items.get(0) : items);
    }

    /** The HTTP status and JSON body for a JSON-RPC error the backend answered with. */
    static Answer of(BackendRpcException error) {
        HttpStatus status = switch (error.code()) {
            case -32700, -32600 -> HttpStatus.BAD_REQUEST;
            case -32601 -> HttpStatus.NOT_FOUND;
            case -32602 -> HttpStatus.UNPROCESSABLE_CONTENT;
            default -> HttpStatus.INTERNAL_SERVER_ERROR;
        };
        return new Answer(status, Map.of("detail", Map.of("message", String.valueOf(error.getMessage()))));
    }

    private static Object item(Map<String, Object> content) {
        Object type = content.get("type");
        if ("text".equals(type)) {
            return content.get("text") instanceof String text ? jsonOrText(text) : content.get("text");
        }
        if ("image".equals(type) || "audio".equals(type)) {
            return "data:" + content.get("mimeType") + ";base64," + content.get("data");
        }
        if ("resource".equals(type) && content.get("resource") instanceof Map<?, ?> resource) {
            return resource(content, resource);
        }
        return LEFT_OUT;
    }

    private static Map<String, Object> resource(Map<String, Object> content, Map<?, ?> resource) {
        Map<String, Object> item = new LinkedHashMap<>();
        Object mimeType = resource.get("mimeType");
        if (resource.get("text") instanceof String text) {
            item.put("type", "text_resource");
            item.put("uri", resource.get("uri"));
            item.put("text", text);
        } else {
            item.put("type", "blob_resource");
            item.put("uri", resource.get("uri"));
            item.put("data", "data:" + (mimeType == null ? "application/octet-stream" : mimeType) + ";base64,"
                    + resource.get("blob"));
        }
        item.put("mimeType", mimeType);
        if (content.get("annotations") != null) {
            item.put("annotations", content.get("annotations"));
        }
        if (content.get("_meta") != null) {
            item.put("meta", content.get("_meta"));
        }
        return item;
    }

    /** Like Python's {@code json.loads} with a fallback: any JSON value when the whole text is one, else the text. */
    private static Object jsonOrText(String text) {
        try {
            return JSON.readValue(text, Object.class);
        } catch (JacksonException notJson) {
            return text;
        }
    }

    /** An HTTP answer: status and a body to write as JSON ({@code null} is written as {@code null}). */
    record Answer(HttpStatus status, Object body) {

        byte[] bytes() {
            return JSON.writeValueAsBytes(body);
        }
    }
}
