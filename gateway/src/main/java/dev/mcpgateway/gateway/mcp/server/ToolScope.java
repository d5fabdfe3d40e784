package dev.mcpgateway.gateway.mcp.server;

import dev.mcpgateway.gateway.mcp.server.CallerToolCatalog.ResolvedTool;
import reactor.core.publisher.Mono;
import tools.jackson.databind.util.RawValue;

/**
 * The tools one MCP endpoint shows its caller: every tenant they belong to under {@code <tenant>__<tool>} names
 * ({@code /mcp}), or one tenant's tools under their own names ({@code /tools/<tenant>/mcp} when the gateway answers
 * for the tenant itself). Made by {@link CallerToolCatalog}.
 */
interface ToolScope {

    /** The one tenant of a per-tenant endpoint (and of its sessions), or {@code null} for {@code /mcp}. */
    String tenantId();

    /** The tools {@code email} may use here, as the JSON array {@code tools/list} answers with. */
    Mono<RawValue> toolsJson(String email);

    /** What {@code name} means for {@code email} here; empty for an unknown tool or a tenant they do not belong to. */
    Mono<ResolvedTool> resolve(String email, String name);

    /** The tenant a tool name points at, for messages about a backend that failed. */
    default String tenantOf(String name) {
        return tenantId() != null ? tenantId() : name.substring(0, Math.max(0, name.indexOf("__")));
    }
}
