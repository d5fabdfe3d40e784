package dev.mcpgateway.gateway.mcp.backend;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The stateless MCP era (revision 2026-07-28 on) as both sides of the gateway speak it: the revision, the keys of the
 * per-request {@code _meta} envelope, the standard headers and the error codes the TypeScript SDK v2 uses for them.
 */
public final class ModernProtocol {

    /** The first (and so far only) revision of the stateless era. Revisions are dates: later ones sort after it. */
    public static final String VERSION = "2026-07-28";
    public static final String PROTOCOL_VERSION_KEY = "io.modelcontextprotocol/protocolVersion";
    public static final String CLIENT_INFO_KEY = "io.modelcontextprotocol/clientInfo";
    public static final String CLIENT_CAPABILITIES_KEY = "io.modelcontextprotocol/clientCapabilities";
    public static final String SERVER_INFO_KEY = "io.modelcontextprotocol/serverInfo";
    /** In {@code _meta} of each message on a {@code subscriptions/listen} stream: the listen request's id. */
    public static final String SUBSCRIPTION_ID_KEY = "io.modelcontextprotocol/subscriptionId";
    public static final String METHOD_HEADER = "Mcp-Method";
    public static final String NAME_HEADER = "Mcp-Name";
    /** {@code UnsupportedProtocolVersionError}: the request names a revision the receiver does not speak. */
    public static final int UNSUPPORTED_PROTOCOL_VERSION = -32022;
    /** {@code HeaderMismatch}: an {@code Mcp-*} header disagrees with the body, or a required one is missing. */
    public static final int HEADER_MISMATCH = -32020;
    /** Gateway-defined: something the other era has no way to carry (e.g. {@code input_required} toward the gateway). */
    public static final int NOT_ACROSS_ERAS = -32005;
    /** The gateway's {@code clientInfo} toward backends, and its {@code serverInfo} name toward clients. */
    public static final String GATEWAY_NAME = "mcp-tenant-gateway";

    private ModernProtocol() {
    }

    /** True for revisions of the stateless era ({@code 2026-07-28} and later). */
    public static boolean isModern(String version) {
        return version != null && version.compareTo(VERSION) >= 0;
    }

    /** The envelope the gateway sends in {@code params._meta} of each request to a modern backend. */
    static Map<String, Object> gatewayEnvelope(String gatewayVersion) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put(PROTOCOL_VERSION_KEY, VERSION);
        envelope.put(CLIENT_INFO_KEY, Map.of("name", GATEWAY_NAME, "version", gatewayVersion));
        // No client capabilities: the gateway answers no sampling, elicitation or roots requests.
        envelope.put(CLIENT_CAPABILITIES_KEY, Map.of());
        return envelope;
    }
}
