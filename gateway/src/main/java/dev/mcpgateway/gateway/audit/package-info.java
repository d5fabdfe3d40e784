/**
 * What happened to each call: audit events written in batches and request metrics with bounded tags. Below the MCP
 * server, which records its own {@code tools/call}s here.
 */
package dev.mcpgateway.gateway.audit;
