package dev.mcpgateway.gateway.directory;

import dev.mcpgateway.policy.AccessLevel;
import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * An immutable copy of tenants, memberships and client key hashes, read from Postgres in one go.
 * The request path reads only this: no database round trip per call.
 *
 * @param tenants     every tenant (enabled or not) by id
 * @param memberships lower-case email → (tenant id → level)
 * @param clientKeys  SHA-256 hex of each active database client key → client name
 */
public record TenancySnapshot(Map<String, Tenant> tenants,
                              Map<String, Map<String, AccessLevel>> memberships,
                              Map<String, String> clientKeys) {

    public static final TenancySnapshot EMPTY = new TenancySnapshot(Map.of(), Map.of(), Map.of());

    public Optional<Tenant> tenant(String id) {
        return Optional.ofNullable(tenants.get(id));
    }

    public Collection<Tenant> allTenants() {
        return tenants.values();
    }

    /** The caller's level in {@code tenantId}, or {@code null} when not a member. */
    public AccessLevel levelOf(String email, String tenantId) {
        return tenantsOf(email).get(tenantId);
    }

    /** The tenants {@code email} belongs to, with the level in each. */
    public Map<String, AccessLevel> tenantsOf(String email) {
        if (email == null) {
            return Map.of();
        }
        return memberships.getOrDefault(email.toLowerCase(Locale.ROOT), Map.of());
    }
}
