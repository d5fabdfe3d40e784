/**
 * Public documents under {@code /.well-known/}: the OAuth protected resource metadata (RFC 9728) through which OAuth
 * MCP clients find the organisation's IdP.
 */
package dev.mcpgateway.gateway.wellknown;
