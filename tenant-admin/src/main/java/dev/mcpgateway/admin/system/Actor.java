package dev.mcpgateway.admin.system;

import dev.mcpgateway.policy.AccessLevel;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.springframework.security.access.AccessDeniedException;

/**
 * The signed-in person and what they may manage: everything (platform admin), or the tenants where they are a
 * member with level {@code admin} (tenant admin). Every service checks its writes against this.
 *
 * @param name          the identity: an account name or an OIDC email, lower-case
 * @param platformAdmin may manage everything
 * @param levels        this person's membership level per tenant id
 */
public record Actor(String name, boolean platformAdmin, Map<String, AccessLevel> levels) {

    public Actor {
        levels = Map.copyOf(levels);
    }

    /** True when this person may manage members and rules of {@code tenantId}. */
    public boolean manages(String tenantId) {
        return platformAdmin || levels.get(tenantId) == AccessLevel.ADMIN;
    }

    /** The tenants this person administers through membership (platform admins: see everything anyway). */
    public Set<String> managedTenants() {
        Set<String> managed = new TreeSet<>();
        levels.forEach((tenant, level) -> {
            if (level == AccessLevel.ADMIN) {
                managed.add(tenant);
            }
        });
        return managed;
    }

    /** True when there is anything at all this person may manage. */
    public boolean hasAdminRights() {
        return platformAdmin || !managedTenants().isEmpty();
    }

    public void requirePlatformAdmin() {
        if (!platformAdmin) {
            throw new AccessDeniedException("only platform admins may do this");
        }
    }

    public void requireManages(String tenantId) {
        if (!manages(tenantId)) {
            throw new AccessDeniedException("you do not administer tenant '" + tenantId + "'");
        }
    }

    /** A tenant admin may grant at most their own level; platform admins any level. */
    public void requireMayGrant(String tenantId, AccessLevel level) {
        requireManages(tenantId);
        AccessLevel own = levels.get(tenantId);
        if (!platformAdmin && (own == null || !own.satisfies(level))) {
            throw new AccessDeniedException("you cannot grant a level above your own");
        }
    }
}
