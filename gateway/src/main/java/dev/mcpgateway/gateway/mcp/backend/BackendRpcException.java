package dev.mcpgateway.gateway.mcp.backend;

/**
 * A JSON-RPC error a tenant's MCP backend answered with (e.g. {@code -32602} for an unknown tool). The message is
 * the backend's own; it is about the request, never about credentials.
 */
public class BackendRpcException extends RuntimeException {

    private final String tenantId;
    private final int code;

    public BackendRpcException(String tenantId, int code, String message) {
        super(message, null, false, false);
        this.tenantId = tenantId;
        this.code = code;
    }

    public String tenantId() {
        return tenantId;
    }

    /** The JSON-RPC error code, e.g. {@code -32602} (invalid params). */
    public int code() {
        return code;
    }
}
