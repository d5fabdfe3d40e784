package dev.mcpgateway.gateway.directory;

import java.util.Locale;

/** How the gateway talks to a tenant's backend: an mcpo-style OpenAPI server, or a native MCP Streamable HTTP server. */
public enum BackendType {

    OPENAPI, MCP;

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static BackendType of(String value) {
        for (BackendType type : values()) {
            if (type.value().equalsIgnoreCase(value == null ? "" : value.trim())) {
                return type;
            }
        }
        throw new IllegalArgumentException("backendType must be one of openapi, mcp (was '" + value + "')");
    }
}
