/**
 * Tool-call limits: a token bucket per (tenant, person) and per tenant (memory or Redis, through Spring Cloud
 * Gateway's {@code RateLimiter} contract) and a bulkhead of calls in flight per tenant. Every call path asks
 * {@link dev.mcpgateway.gateway.limit.ToolCallLimits}.
 */
package dev.mcpgateway.gateway.limit;
