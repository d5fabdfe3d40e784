package dev.mcpgateway.admin.credential;

import dev.mcpgateway.admin.audit.AuditedExternalChange;
import dev.mcpgateway.admin.system.Actor;
import dev.mcpgateway.admin.system.ConflictException;
import dev.mcpgateway.admin.system.InvalidInputException;
import dev.mcpgateway.admin.system.NotFoundException;
import dev.mcpgateway.admin.system.VaultUnavailableException;
import dev.mcpgateway.admin.tenant.TenantRepository;
import dev.mcpgateway.policy.CredentialKeys;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.vault.VaultException;

/**
 * Write-only tenant credentials (platform admins only). Keys and values are checked against the gateway's header
 * convention ({@link CredentialKeys}: {@code api_key}, {@code header.X-Foo}, other keys → {@code X-Tenant-<Key>}),
 * so nothing is stored that would never be sent. The audit row names the key, never the value.
 */
@Service
public class CredentialService {

    private static final Logger log = LoggerFactory.getLogger(CredentialService.class);
    static final Pattern KEY = Pattern.compile("^[A-Za-z0-9_.-]{1,128}$");
    static final int MAX_VALUE = 8192;

    private final CredentialStore store;
    private final TenantRepository tenants;
    private final AuditedExternalChange audit;

    CredentialService(CredentialStore store, TenantRepository tenants, AuditedExternalChange audit) {
        this.store = store;
        this.tenants = tenants;
        this.audit = audit;
    }

    public boolean vaultConfigured() {
        return store.available();
    }

    public String vaultPath(String tenant) {
        return store.displayPath(tenant);
    }

    public CredentialSummary describe(Actor actor, String tenant) {
        requireTenant(actor, tenant);
        try {
            return store.describe(tenant);
        } catch (VaultException e) {
            throw unavailable(e);
        }
    }

    /** Sets one key; audited before Vault is written (see {@link AuditedExternalChange}), never with the value. */
    public void set(Actor actor, String tenant, String key, String value) {
        requireTenant(actor, tenant);
        String name = key == null ? "" : key.trim();
        if (!KEY.matcher(name).matches()) {
            throw new InvalidInputException("key", "Use 1-128 letters, digits, '_', '-' or '.' (e.g. api_key, header.X-Api-Key)");
        }
        String whyNoHeader = CredentialKeys.whyNoHeader(name);
        if (whyNoHeader != null) {
            throw new InvalidInputException("key", "'" + name + "' " + whyNoHeader);
        }
        if (value == null || value.isEmpty() || value.length() > MAX_VALUE) {
            throw new InvalidInputException("value", "Enter a value of 1 to " + MAX_VALUE + " characters");
        }
        if (!CredentialKeys.isSendableValue(value)) {
            throw new InvalidInputException("value",
                    "The value must be visible ASCII without line breaks or control characters (it is sent as a header)");
        }
        audit.run(actor, "credential.set", tenant, "key " + name + " (value not recorded)", () -> {
            try {
                store.set(tenant, name, value);
            } catch (VaultException e) {
                if (e.getMessage() != null && e.getMessage().contains("check-and-set")) {
                    throw new ConflictException("key", "The credentials changed meanwhile; reload and try again");
                }
                throw unavailable(e);
            }
            return null;
        });
    }

    /** Removes one key; audited before Vault is written. */
    public void remove(Actor actor, String tenant, String key) {
        requireTenant(actor, tenant);
        audit.run(actor, "credential.delete", tenant, "key " + key, () -> {
            boolean removed;
            try {
                removed = store.remove(tenant, key);
            } catch (VaultException e) {
                throw unavailable(e);
            }
            if (!removed) {
                throw new NotFoundException("No credential '" + key + "' for '" + tenant + "'");
            }
            return null;
        });
    }

    private void requireTenant(Actor actor, String tenant) {
        actor.requirePlatformAdmin();
        if (!tenants.exists(tenant)) {
            throw new NotFoundException("No tenant '" + tenant + "'");
        }
    }

    private static VaultUnavailableException unavailable(VaultException e) {
        log.warn("Vault request for tenant credentials failed: {}", e.getClass().getSimpleName());
        return new VaultUnavailableException("Vault could not be reached or refused the request; try again later", e);
    }
}
