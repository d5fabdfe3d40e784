/**
 * The gateway as an MCP client of tenants' Streamable HTTP servers: sessions, cached tool lists, tool calls.
 */
package dev.mcpgateway.gateway.mcp.backend;
