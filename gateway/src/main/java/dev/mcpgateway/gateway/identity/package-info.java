/**
 * Step 1 of a call: who is asking. Client keys, the signed Open WebUI identity or trusted plain headers become one
 * {@code CallerIdentity}; the caller's credentials never travel further.
 */
package dev.mcpgateway.gateway.identity;
