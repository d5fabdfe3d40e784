/**
 * The declarative bootstrap file (tenants, members, tool rules), validated and applied idempotently at startup.
 */
package dev.mcpgateway.gateway.bootstrap;
