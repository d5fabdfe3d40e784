package dev.mcpgateway.gateway.mcp.server;

import dev.mcpgateway.gateway.mcp.backend.ModernProtocol;
import dev.mcpgateway.gateway.mcp.server.McpRequests.BadMessage;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import tools.jackson.databind.JsonNode;

/**
 * The standard headers of a 2026-07-28 request, checked against its body so that whatever routes, meters or audits
 * by header (Spring Cloud Gateway {@code Header} predicates, the gateway's own metrics) sees what the body says:
 * {@code MCP-Protocol-Version} and {@code Mcp-Method} on every request, {@code Mcp-Name} for the methods that name
 * a tool, prompt or resource. Missing or disagreeing: {@code -32020} (HeaderMismatch) with HTTP 400, as in the SDK.
 */
final class McpStandardHeaders {

    /** The body field {@code Mcp-Name} mirrors, per method (SEP-2243's table as the SDK has it). */
    private static final Map<String, String> NAME_SOURCE = Map.of("tools/call", "name", "prompts/get", "name",
            "resources/read", "uri");
    private static final String BASE64_PREFIX = "=?base64?";
    private static final String BASE64_SUFFIX = "?=";

    private McpStandardHeaders() {
    }

    /** Checks a modern request's headers against its body and envelope; throws a {@link BadMessage} when they disagree. */
    static void check(HttpHeaders headers, JsonNode request, ModernEnvelope envelope) {
        String method = request.path("method").asString();
        String version = stripped(headers.getFirst(McpResponses.PROTOCOL_VERSION_HEADER));
        if (version == null) {
            throw mismatch("(missing)", "the body envelope names protocol version " + envelope.protocolVersion()
                    + " but the required MCP-Protocol-Version header is absent");
        }
        if (!version.equals(envelope.protocolVersion())) {
            throw mismatch(version, "the body envelope names protocol version " + envelope.protocolVersion()
                    + " but the MCP-Protocol-Version header names " + version);
        }
        String methodHeader = stripped(headers.getFirst(ModernProtocol.METHOD_HEADER));
        if (methodHeader == null) {
            throw mismatch("(missing)", "the body names method " + method + " but the required Mcp-Method header is absent");
        }
        if (!methodHeader.equals(method)) {
            throw mismatch(methodHeader, "the body names method " + method + " but the Mcp-Method header names " + methodHeader);
        }
        String field = NAME_SOURCE.get(method);
        JsonNode bodyName = field == null ? null : request.path("params").get(field);
        if (bodyName == null || !bodyName.isString()) {
            return;
        }
        String nameHeader = stripped(headers.getFirst(ModernProtocol.NAME_HEADER));
        if (nameHeader == null) {
            throw mismatch("(missing)", "the body carries params." + field + "=\"" + bodyName.asString()
                    + "\" but the required Mcp-Name header is absent");
        }
        String name = decoded(nameHeader);
        if (!bodyName.asString().equals(name)) {
            throw mismatch(nameHeader, "the body carries params." + field + "=\"" + bodyName.asString()
                    + "\" but the Mcp-Name header names \"" + name + "\"");
        }
    }

    /** A header value that is not plain ASCII travels as {@code =?base64?<UTF-8 bytes, base64>?=}. */
    private static String decoded(String value) {
        if (!value.startsWith(BASE64_PREFIX) || !value.endsWith(BASE64_SUFFIX)
                || value.length() < BASE64_PREFIX.length() + BASE64_SUFFIX.length()) {
            return value;
        }
        String encoded = value.substring(BASE64_PREFIX.length(), value.length() - BASE64_SUFFIX.length());
        try {
            return new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw mismatch(value, "the Mcp-Name header carries an invalid Base64 sentinel value");
        }
    }

    private static String stripped(String value) {
        return value == null ? null : value.strip();
    }

    private static BadMessage mismatch(String header, String body) {
        return new BadMessage(HttpStatus.BAD_REQUEST, ModernProtocol.HEADER_MISMATCH,
                "Bad Request: the request headers and body disagree: " + body,
                Map.of("mismatch", Map.of("header", header, "body", body)));
    }
}
