package dev.mcpgateway.gateway.mcp.server;

import java.time.Instant;

/**
 * Everything the gateway needs to continue an MCP session, carried inside the (encrypted) {@code Mcp-Session-Id} so
 * that any replica can serve any request of it: no session state lives in one replica's memory.
 *
 * @param email            the caller the session was opened for (lower-case); another caller cannot use it
 * @param protocolVersion  the negotiated MCP revision
 * @param expiresAt        when the session id stops being accepted
 * @param tenant           the tenant of a pass-through session ({@code /tools/<tenant>/mcp}), or {@code null} for {@code /mcp}
 * @param backendSessionId the backend's own {@code Mcp-Session-Id} of a pass-through session, or {@code null}
 */
record McpSession(String email, String protocolVersion, Instant expiresAt, String tenant, String backendSessionId) {

    boolean expiredAt(Instant now) {
        return !now.isBefore(expiresAt);
    }

    /** True when this session may serve {@code callerEmail} on the endpoint of {@code endpointTenant} ({@code null}: {@code /mcp}). */
    boolean belongsTo(String callerEmail, String endpointTenant) {
        return email.equals(callerEmail) && java.util.Objects.equals(tenant, endpointTenant);
    }
}
