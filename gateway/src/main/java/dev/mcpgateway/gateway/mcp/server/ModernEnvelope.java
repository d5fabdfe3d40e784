package dev.mcpgateway.gateway.mcp.server;

import dev.mcpgateway.gateway.mcp.backend.ModernProtocol;
import dev.mcpgateway.gateway.mcp.server.McpRequests.BadMessage;
import java.util.Map;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * The per-request {@code params._meta} envelope of a 2026-07-28 request: the revision it speaks, the client's
 * capabilities (required) and its {@code clientInfo} (optional). Read with the checks and error codes of the
 * TypeScript SDK v2: a malformed envelope is {@code -32602}, a revision the gateway does not speak {@code -32022}
 * naming the ones it does (both HTTP 400).
 */
record ModernEnvelope(String protocolVersion, JsonNode clientInfo, JsonNode clientCapabilities) {

    static ModernEnvelope of(JsonNode params) {
        JsonNode meta = params.path("_meta");
        if (!meta.isObject()) {
            throw invalid("_meta", "missing");
        }
        JsonNode version = meta.get(ModernProtocol.PROTOCOL_VERSION_KEY);
        if (version == null) {
            throw invalid(ModernProtocol.PROTOCOL_VERSION_KEY, "missing");
        }
        JsonNode capabilities = meta.get(ModernProtocol.CLIENT_CAPABILITIES_KEY);
        if (capabilities == null) {
            throw invalid(ModernProtocol.CLIENT_CAPABILITIES_KEY, "missing");
        }
        if (!version.isString()) {
            throw invalid(ModernProtocol.PROTOCOL_VERSION_KEY, "expected a protocol version string");
        }
        if (!capabilities.isObject()) {
            throw invalid(ModernProtocol.CLIENT_CAPABILITIES_KEY, "expected an object");
        }
        JsonNode clientInfo = meta.get(ModernProtocol.CLIENT_INFO_KEY);
        if (clientInfo != null && !(clientInfo.isObject() && clientInfo.path("name").isString()
                && clientInfo.path("version").isString())) {
            throw invalid(ModernProtocol.CLIENT_INFO_KEY, "expected an object with string name and version");
        }
        if (!ProtocolVersions.isSupportedModern(version.asString())) {
            throw unsupported(version.asString());
        }
        return new ModernEnvelope(version.asString(), clientInfo, capabilities);
    }

    /** {@code -32022}, with the revisions the gateway speaks (both eras), so the client can pick one. */
    static BadMessage unsupported(String requested) {
        return new BadMessage(HttpStatus.BAD_REQUEST, ModernProtocol.UNSUPPORTED_PROTOCOL_VERSION,
                "Unsupported protocol version: " + requested,
                Map.of("supported", ProtocolVersions.ALL, "requested", requested));
    }

    private static BadMessage invalid(String key, String problem) {
        return new BadMessage(HttpStatus.BAD_REQUEST, JsonRpc.INVALID_PARAMS,
                "Invalid _meta envelope for protocol revision " + ModernProtocol.VERSION + ": " + key + ": " + problem,
                Map.of("envelope", Map.of("key", key, "problem", problem)));
    }
}
