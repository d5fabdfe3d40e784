package dev.mcpgateway.admin.tenant;

import java.time.Instant;

/**
 * One row of {@code tenant}, with the field names of the gateway's bootstrap YAML, plus how many members it has.
 */
public record Tenant(
        String id,
        String displayName,
        String backendUrl,
        String backendType,
        boolean enabled,
        String defaultToolLevel,
        int memberCount,
        Instant createdAt,
        Instant updatedAt) {
}
