/**
 * The audit log: every change made here is recorded, and the gateway's call events are shown.
 */
package dev.mcpgateway.admin.audit;
