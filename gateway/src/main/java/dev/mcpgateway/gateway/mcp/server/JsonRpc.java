package dev.mcpgateway.gateway.mcp.server;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** JSON-RPC 2.0 message shapes and the error codes the gateway's MCP endpoints answer with. */
final class JsonRpc {

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;
    /** Transport-level refusals, as the MCP SDKs use them: missing or unknown session, bad headers. */
    static final int BAD_REQUEST = -32000;
    static final int SESSION_NOT_FOUND = -32001;
    /** The caller may not use this tool in this tenant (gateway-defined, in the server error range). */
    static final int FORBIDDEN = -32003;
    /** The tenant's backend could not be reached or failed (gateway-defined). */
    static final int BACKEND_UNAVAILABLE = -32004;

    private JsonRpc() {
    }

    static Map<String, Object> result(JsonNode id, Object result) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("jsonrpc", "2.0");
        message.put("id", id);
        message.put("result", result);
        return message;
    }

    static Map<String, Object> error(JsonNode id, int code, String text) {
        return error(id, code, text, null);
    }

    /** An error with {@code data} (left out when {@code null}). */
    static Map<String, Object> error(JsonNode id, int code, String text, Object data) {
        Map<String, Object> error = new LinkedHashMap<>();
        error.put("code", code);
        error.put("message", text);
        if (data != null) {
            error.put("data", data);
        }
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("jsonrpc", "2.0");
        message.put("id", id);
        message.put("error", error);
        return message;
    }

    /**
     * A {@code tools/call} result with {@code isError: true}: unlike a JSON-RPC error, MCP clients hand it to the
     * model, which can act on the sentence (e.g. wait and retry).
     */
    static Map<String, Object> toolError(JsonNode id, String text) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("content", List.of(Map.of("type", "text", "text", text)));
        result.put("isError", true);
        return result(id, result);
    }

    /** A request has a method and an id; a notification has a method only; anything else is a client's response. */
    static boolean isRequest(JsonNode message) {
        return message.isObject() && message.path("method").isString() && message.has("id")
                && !message.get("id").isNull();
    }

    static boolean isNotificationOrResponse(JsonNode message) {
        return message.isObject() && !isRequest(message)
                && (message.path("method").isString() || message.has("result") || message.has("error"));
    }
}
