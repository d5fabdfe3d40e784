/**
 * Shared plumbing of every screen and API: the signed-in {@code Actor}, properties, paging, the exceptions and the
 * handlers that turn them into pages or problem+json.
 */
package dev.mcpgateway.admin.system;
