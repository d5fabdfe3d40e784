/**
 * The data plane: a Spring Cloud Gateway between Open WebUI (or any MCP client) and per-tenant tool servers.
 * Its packages are layered in the request's direction, lowest first: config, error, directory, identity, membership,
 * limit, credential, openapi and mcp.backend, audit, mcp.bridge and mcp.server, route, system, bootstrap.
 */
package dev.mcpgateway.gateway;
