package dev.mcpgateway.admin.credential;

import java.time.Instant;
import java.util.List;

/**
 * What may be shown about a tenant's credentials: the key names, the secret's current version and when it was
 * written. Never the values.
 */
public record CredentialSummary(String tenant, String vaultPath, List<String> keys, int version, Instant updatedAt) {

    public static CredentialSummary none(String tenant, String vaultPath) {
        return new CredentialSummary(tenant, vaultPath, List.of(), 0, null);
    }
}
