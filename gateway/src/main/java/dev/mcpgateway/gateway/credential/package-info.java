/**
 * The tenant's credentials from Vault KV v2, cached off the request path: the {@code VaultCredential} route filter
 * and {@code BackendCredentials} for the OpenAPI and MCP clients.
 */
package dev.mcpgateway.gateway.credential;
