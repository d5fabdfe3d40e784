/**
 * mcpo compatibility for {@code mcp} tenants: an OpenAPI view of their tools and {@code POST /tools/<tenant>/<tool>}
 * answered with an MCP {@code tools/call}.
 */
package dev.mcpgateway.gateway.mcp.bridge;
