package dev.mcpgateway.gateway.mcp.backend;

/**
 * Published when a tenant's cached tool list was dropped because the backend reported changed tools
 * ({@code notifications/tools/list_changed}) or forgot the session. Listeners that pass tool lists on to their own
 * MCP clients can tell those clients that the list changed.
 *
 * @param tenantId the tenant whose tools changed
 */
public record BackendToolsChanged(String tenantId) {
}
