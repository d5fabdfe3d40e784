package dev.mcpgateway.gateway.mcp.server;

import dev.mcpgateway.gateway.mcp.backend.ModernProtocol;
import org.springframework.http.HttpHeaders;
import tools.jackson.databind.JsonNode;

/**
 * Which MCP era one POST to a gateway MCP endpoint belongs to, decided from the body first, as the TypeScript SDK v2
 * decides: a session id or an {@code initialize} (without a modern envelope) is the 2025 era; a
 * {@code params._meta} envelope claim, or a stateless revision in {@code MCP-Protocol-Version}, the stateless era.
 */
enum ProtocolEra {

    /** 2024-11-05 … 2025-11-25: {@code initialize}, then requests inside an {@code Mcp-Session-Id}. */
    LEGACY,
    /** 2026-07-28: every request stands alone and names its revision in {@code params._meta}. */
    MODERN;

    static ProtocolEra of(JsonNode body, HttpHeaders headers) {
        if (headers.getFirst(McpResponses.SESSION_HEADER) != null || !body.isObject()) {
            // A session exists only in the 2025 era; batches (and garbage) are answered by the 2025 rules.
            return LEGACY;
        }
        JsonNode meta = body.path("params").path("_meta");
        boolean claim = meta.isObject() && meta.has(ModernProtocol.PROTOCOL_VERSION_KEY);
        if ("initialize".equals(body.path("method").asString(null))) {
            return claim && ModernProtocol.isModern(meta.get(ModernProtocol.PROTOCOL_VERSION_KEY).asString(null))
                    ? MODERN : LEGACY;
        }
        if (claim) {
            return MODERN;
        }
        // A modern header without the envelope is a broken modern request: the modern rules say what is missing.
        return ModernProtocol.isModern(headers.getFirst(McpResponses.PROTOCOL_VERSION_HEADER)) ? MODERN : LEGACY;
    }
}
