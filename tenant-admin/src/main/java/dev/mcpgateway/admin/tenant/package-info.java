/**
 * Tenants: create, change, enable or disable and delete them; the schema's triggers tell the gateway.
 */
package dev.mcpgateway.admin.tenant;
