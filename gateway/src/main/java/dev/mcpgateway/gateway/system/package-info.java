/**
 * The plain endpoints beside the tool calls: {@code /health}, {@code /tenants} and {@code /tools} for the caller.
 */
package dev.mcpgateway.gateway.system;
