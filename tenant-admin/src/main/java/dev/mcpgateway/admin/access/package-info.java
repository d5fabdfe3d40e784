/**
 * Explain access: which tools a person can use in a tenant and why, decided by the policy code the gateway uses.
 */
package dev.mcpgateway.admin.access;
