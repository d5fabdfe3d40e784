package dev.mcpgateway.gateway.bootstrap;

import dev.mcpgateway.gateway.directory.BackendType;
import dev.mcpgateway.policy.AccessLevel;
import dev.mcpgateway.policy.RateLimits;
import dev.mcpgateway.policy.ToolRule;
import java.net.URI;
import java.util.List;

/**
 * The validated content of a bootstrap file ({@code mcpgateway.bootstrap.file}): the tenants it declares, each
 * with exactly the members, tool rules and call limits it should have.
 */
record BootstrapFile(List<TenantEntry> tenants) {

    /**
     * @param toolLevelsFromAnnotations derive a tool's level from its MCP annotations ({@code readOnlyHint}); only
     *                                  with {@code backendType: mcp}
     * @param rateLimits                the {@code rateLimit} block; {@link RateLimits#NONE} when absent (gateway defaults)
     */
    record TenantEntry(String id, String displayName, URI backendUrl, BackendType backendType, boolean enabled,
                       AccessLevel defaultToolLevel, boolean toolLevelsFromAnnotations, List<Member> members,
                       List<ToolRule> toolRules, RateLimits rateLimits) {
    }

    /** @param email lower-case, as memberships are compared case-insensitively */
    record Member(String email, AccessLevel accessLevel) {
    }
}
