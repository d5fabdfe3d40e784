/**
 * Gateway client keys: created with a one-time display of the key, stored as hashes, revoked.
 */
package dev.mcpgateway.admin.client;
