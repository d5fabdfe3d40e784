/**
 * The gateway as an MCP server: {@code /mcp} aggregates every tenant the caller may use, {@code /tools/<tenant>/mcp}
 * passes one tenant through.
 */
package dev.mcpgateway.gateway.mcp.server;
