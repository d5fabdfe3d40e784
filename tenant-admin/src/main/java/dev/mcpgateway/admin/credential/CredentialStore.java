package dev.mcpgateway.admin.credential;

import dev.mcpgateway.admin.system.AdminProperties;
import dev.mcpgateway.admin.system.VaultUnavailableException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.vault.core.VaultOperations;
import org.springframework.vault.core.VaultVersionedKeyValueOperations;
import org.springframework.vault.support.Versioned;

/**
 * A tenant's credentials in Vault KV v2 at {@code <kv-mount>/<tenant-path>/<tenant>}, where the gateway reads them.
 * Writes use check-and-set on the version read, so two admins editing at once cannot lose each other's keys.
 * Values pass through here on their way to Vault and are never returned, logged or kept.
 */
@Component
class CredentialStore {

    private final ObjectProvider<VaultOperations> vault;
    private final AdminProperties.Vault settings;

    CredentialStore(ObjectProvider<VaultOperations> vault, AdminProperties properties) {
        this.vault = vault;
        this.settings = properties.vault();
    }

    boolean available() {
        return vault.getIfAvailable() != null;
    }

    String pathOf(String tenant) {
        return settings.tenantPath() + "/" + tenant;
    }

    String displayPath(String tenant) {
        return settings.kvMount() + "/" + pathOf(tenant);
    }

    CredentialSummary describe(String tenant) {
        Versioned<Map<String, Object>> current = kv().get(pathOf(tenant));
        if (current == null || !current.hasData()) {
            return CredentialSummary.none(tenant, displayPath(tenant));
        }
        ArrayList<String> keys = new ArrayList<>(current.getRequiredData().keySet());
        keys.sort(String::compareTo);
        return new CredentialSummary(tenant, displayPath(tenant), keys, current.getVersion().getVersion(),
                current.hasMetadata() ? current.getMetadata().getCreatedAt() : null);
    }

    /** Sets one key, keeping the others. */
    void set(String tenant, String key, String value) {
        Versioned<Map<String, Object>> current = kv().get(pathOf(tenant));
        Map<String, Object> data = new LinkedHashMap<>();
        int version = 0;
        if (current != null && current.hasData()) {
            data.putAll(current.getRequiredData());
            version = current.getVersion().getVersion();
        } else if (current != null) {
            version = current.getVersion().getVersion();
        }
        data.put(key, value);
        kv().put(pathOf(tenant), Versioned.create(data, Versioned.Version.from(version)));
    }

    /** Removes one key; false when it was not there. Removing the last key deletes the secret's latest version. */
    boolean remove(String tenant, String key) {
        Versioned<Map<String, Object>> current = kv().get(pathOf(tenant));
        if (current == null || !current.hasData() || !current.getRequiredData().containsKey(key)) {
            return false;
        }
        Map<String, Object> data = new LinkedHashMap<>(current.getRequiredData());
        data.remove(key);
        if (data.isEmpty()) {
            kv().delete(pathOf(tenant));
        } else {
            kv().put(pathOf(tenant), Versioned.create(data, current.getVersion()));
        }
        return true;
    }

    private VaultVersionedKeyValueOperations kv() {
        VaultOperations operations = vault.getIfAvailable();
        if (operations == null) {
            throw new VaultUnavailableException("Vault is not configured (VAULT_ENABLED=false)");
        }
        return operations.opsForVersionedKeyValue(settings.kvMount());
    }
}
