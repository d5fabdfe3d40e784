/**
 * The one schema both apps share (Flyway migrations under {@code db/migration}) and its one writer of tenants,
 * members and tool rules, {@code TenancyWriter}.
 */
package dev.mcpgateway.db;
