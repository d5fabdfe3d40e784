/**
 * The tenant directory: an in-memory snapshot of tenants, memberships and client keys loaded from Postgres, kept
 * current by LISTEN/NOTIFY, announced as {@code DirectoryChanged}. The request path reads it, never the database.
 */
package dev.mcpgateway.gateway.directory;
