package dev.mcpgateway.gateway.credential;

import dev.mcpgateway.gateway.config.GatewayProperties;
import dev.mcpgateway.policy.TenantIds;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;
import org.springframework.vault.core.VaultOperations;
import org.springframework.vault.core.VaultVersionedKeyValueOperations;
import org.springframework.vault.support.Versioned;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Reads a tenant's secret from Vault KV v2 ({@code <kv-mount>/data/<tenant-path>/<tenant>}) through Spring Vault and
 * maps it to headers. The blocking read runs on {@link Schedulers#boundedElastic()}, never on an event loop.
 * No secret (404) means the tenant has no credentials. With Spring Cloud Vault disabled, no tenant has any.
 */
@Component
public class VaultCredentialSource {

    private static final Logger log = LoggerFactory.getLogger(VaultCredentialSource.class);

    private final VaultVersionedKeyValueOperations keyValue;
    private final String tenantPath;

    @Autowired
    public VaultCredentialSource(ObjectProvider<VaultOperations> vault, GatewayProperties properties) {
        this(vault.getIfAvailable(), properties.vault());
    }

    VaultCredentialSource(VaultOperations vault, GatewayProperties.Vault properties) {
        this.keyValue = vault == null ? null : vault.opsForVersionedKeyValue(properties.kvMount());
        this.tenantPath = trimSlashes(properties.tenantPath());
        if (vault == null) {
            log.warn("Spring Cloud Vault is disabled: tenants get no credentials");
        } else {
            log.info("Tenant credentials come from Vault KV v2 mount '{}', path '{}/<tenant>'",
                    properties.kvMount(), tenantPath);
        }
    }

    /** The tenant's headers, read now; errors when Vault cannot be read. */
    public Mono<TenantHeaders> read(String tenantId) {
        if (!TenantIds.isValid(tenantId)) {
            return Mono.error(new IllegalArgumentException("not a tenant id"));
        }
        if (keyValue == null) {
            return Mono.just(TenantHeaders.NONE);
        }
        return Mono.fromCallable(() -> CredentialHeaders.from(tenantId, secretOf(tenantId)))
                .subscribeOn(Schedulers.boundedElastic());
    }

    /** The tenant's secret path below the mount, e.g. {@code mcp-gateway/tenants/google}. */
    String pathOf(String tenantId) {
        return tenantPath.isEmpty() ? tenantId : tenantPath + "/" + tenantId;
    }

    private Map<String, Object> secretOf(String tenantId) {
        Versioned<Map<String, Object>> secret = keyValue.get(pathOf(tenantId));
        return secret == null || !secret.hasData() ? Map.of() : secret.getData();
    }

    private static String trimSlashes(String path) {
        String trimmed = path == null ? "" : path.strip();
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return trimmed;
    }
}
