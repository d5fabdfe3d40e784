/**
 * The problems the gateway answers with (RFC 9457 {@code application/problem+json}) and the one handler that writes
 * them; filters refuse with {@code Mono.error(GatewayProblem)}.
 */
package dev.mcpgateway.gateway.error;
