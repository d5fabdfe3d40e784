package dev.mcpgateway.gateway.mcp.bridge;

import dev.mcpgateway.gateway.mcp.backend.BackendToolsChanged;
import dev.mcpgateway.gateway.openapi.TenantSpecCache;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Drops an {@code mcp} tenant's cached spec when its backend reports changed tools, so that
 * {@code /tools/<tenant>/openapi.json} shows the new tools at once instead of after the spec cache's TTL.
 */
@Component
class McpSpecRefresh {

    private final TenantSpecCache specs;

    McpSpecRefresh(TenantSpecCache specs) {
        this.specs = specs;
    }

    @EventListener
    void toolsChanged(BackendToolsChanged event) {
        specs.invalidate(event.tenantId());
    }
}
