package dev.mcpgateway.gateway.mcp.backend;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of one {@code tools/call} on a tenant's MCP backend. A tool that failed is a normal result with
 * {@code isError} set (MCP reports tool failures in the result, not as JSON-RPC errors).
 *
 * @param content           the content items ({@code {"type":"text","text":...}}, images, resources, ...) as JSON maps
 * @param isError           true when the tool reports that it failed
 * @param structuredContent the structured result, or {@code null}
 */
public record BackendCallResult(List<Map<String, Object>> content, boolean isError,
                                Map<String, Object> structuredContent) {

    public BackendCallResult {
        content = content == null ? List.of() : content;
    }

    /** The result as MCP writes it in a {@code tools/call} response. */
    public Map<String, Object> asJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("content", content);
        if (structuredContent != null) {
            json.put("structuredContent", structuredContent);
        }
        if (isError) {
            json.put("isError", true);
        }
        return json;
    }
}
