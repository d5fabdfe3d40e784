/**
 * DEMO ONLY: {@code ./demo} runs the whole system on one machine with nothing but a JDK. Stand-ins (embedded
 * PostgreSQL, a KV v2 Vault stand-in, in-memory tool servers) replace what a deployment runs; never deploy this.
 */
package dev.mcpgateway.demo;
