/**
 * Tool specs: each tenant's backend spec fetched, cached and rewritten with unique operation ids, per tenant and
 * aggregated.
 */
package dev.mcpgateway.gateway.openapi;
