package dev.mcpgateway.gateway.mcp.server;

import java.util.List;

/** The MCP revisions the gateway's own MCP endpoint speaks, and how it picks one in {@code initialize}. */
final class ProtocolVersions {

    /** Newest first. The gateway offers tools only, whose shape is the same in all of them. */
    static final List<String> SUPPORTED = List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");
    /** What a request without {@code MCP-Protocol-Version} is assumed to speak (the spec's rule). */
    static final String ASSUMED_WITHOUT_HEADER = "2025-03-26";

    private ProtocolVersions() {
    }

    /** The client's requested revision when supported, else the newest the gateway speaks (the client may then leave). */
    static String negotiate(String requested) {
        return requested != null && SUPPORTED.contains(requested) ? requested : SUPPORTED.get(0);
    }

    static boolean isSupported(String version) {
        return SUPPORTED.contains(version);
    }
}
