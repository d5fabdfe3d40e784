package dev.mcpgateway.admin.credential;

import dev.mcpgateway.policy.CredentialKeys;
import java.time.Instant;
import java.util.List;

/**
 * What may be shown about a tenant's credentials: the key names, the secret's current version and when it was
 * written. Never the values.
 */
public record CredentialSummary(String tenant, String vaultPath, List<String> keys, int version, Instant updatedAt) {

    /** The header the gateway sends for {@code key}, or {@code null} when the key maps to none (it is ignored). */
    public String headerOf(String key) {
        return CredentialKeys.headerName(key);
    }

    public static CredentialSummary none(String tenant, String vaultPath) {
        return new CredentialSummary(tenant, vaultPath, List.of(), 0, null);
    }
}
