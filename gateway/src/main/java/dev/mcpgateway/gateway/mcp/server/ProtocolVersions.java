package dev.mcpgateway.gateway.mcp.server;

import dev.mcpgateway.gateway.mcp.backend.ModernProtocol;
import java.util.List;
import java.util.stream.Stream;

/**
 * The MCP revisions the gateway's own MCP endpoints speak, in both eras: the stateless one (a revision named per
 * request, answered by {@code server/discover}) and the 2025 era (one revision per session, picked in
 * {@code initialize}).
 */
final class ProtocolVersions {

    /** Stateless era, newest first. */
    static final List<String> MODERN = List.of(ModernProtocol.VERSION);
    /** Session era, newest first. The gateway offers tools only, whose shape is the same in all of them. */
    static final List<String> SUPPORTED = List.of("2025-11-25", "2025-06-18", "2025-03-26", "2024-11-05");
    /** Both eras, newest first: what {@code server/discover} and {@code -32022} name. */
    static final List<String> ALL = Stream.concat(MODERN.stream(), SUPPORTED.stream()).toList();
    /** What a request without {@code MCP-Protocol-Version} is assumed to speak (the spec's rule). */
    static final String ASSUMED_WITHOUT_HEADER = "2025-03-26";

    private ProtocolVersions() {
    }

    /** The client's requested revision when supported, else the newest the gateway speaks (the client may then leave). */
    static String negotiate(String requested) {
        return requested != null && SUPPORTED.contains(requested) ? requested : SUPPORTED.get(0);
    }

    /** True for a session-era revision the gateway speaks (the {@code MCP-Protocol-Version} of a session). */
    static boolean isSupported(String version) {
        return SUPPORTED.contains(version);
    }

    static boolean isSupportedModern(String version) {
        return MODERN.contains(version);
    }
}
