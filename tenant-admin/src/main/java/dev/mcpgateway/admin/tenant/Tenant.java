package dev.mcpgateway.admin.tenant;

import dev.mcpgateway.policy.RateLimits;
import java.time.Instant;

/**
 * One row of {@code tenant}, with the field names of the gateway's bootstrap YAML, plus how many members it has.
 *
 * @param toolLevelsFromAnnotations the tenant asks for tool levels from MCP tool annotations ({@code readOnlyHint});
 *                                  it takes effect only for {@code mcp} backends, see
 *                                  {@link #derivesLevelsFromAnnotations()}
 * @param rateLimit                 the tenant's own call limits; a {@code null} part is the gateway's default
 */
public record Tenant(
        String id,
        String displayName,
        String backendUrl,
        String backendType,
        boolean enabled,
        String defaultToolLevel,
        boolean toolLevelsFromAnnotations,
        RateLimits rateLimit,
        int memberCount,
        Instant createdAt,
        Instant updatedAt) {

    /**
     * True when the gateway takes the level of a tool without a rule from its annotations ({@code readOnlyHint: true}
     * → {@code read}, else {@code write}) instead of the default level: the flag is set and the backend is MCP
     * (the gateway's {@code McpBackends} applies the same condition).
     */
    public boolean derivesLevelsFromAnnotations() {
        return toolLevelsFromAnnotations && "mcp".equals(backendType);
    }
}
