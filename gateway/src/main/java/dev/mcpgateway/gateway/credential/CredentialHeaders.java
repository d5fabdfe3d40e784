package dev.mcpgateway.gateway.credential;

import dev.mcpgateway.policy.CredentialKeys;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns a tenant's Vault secret into request headers by the documented convention ({@link CredentialKeys}):
 * {@code api_key} → {@code Authorization: Bearer <value>}; {@code header.<Name>} → {@code <Name>};
 * any other key, e.g. {@code jira_url} → {@code X-Tenant-Jira-Url}. Keys that would make an invalid or
 * framing header, and values that are not single-line text, are skipped with a warning that never shows the value.
 */
final class CredentialHeaders {

    private static final Logger log = LoggerFactory.getLogger(CredentialHeaders.class);

    private CredentialHeaders() {
    }

    /**
     * The headers for {@code secret} (a KV v2 secret's data). When two keys give the same header, a
     * {@code header.<Name>} key wins over the others; otherwise the first key in alphabetical order wins.
     */
    static TenantHeaders from(String tenantId, Map<String, ?> secret) {
        if (secret == null || secret.isEmpty()) {
            return TenantHeaders.NONE;
        }
        Map<String, ?> sorted = new TreeMap<>(secret);
        List<String> keys = new ArrayList<>();
        sorted.keySet().stream().filter(key -> key.startsWith(CredentialKeys.EXPLICIT_PREFIX)).forEach(keys::add);
        sorted.keySet().stream().filter(key -> !key.startsWith(CredentialKeys.EXPLICIT_PREFIX)).forEach(keys::add);

        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> keyByLowerName = new HashMap<>();
        for (String key : keys) {
            String name = CredentialKeys.headerName(key);
            if (name == null) {
                log.warn("Tenant '{}': Vault key '{}' {}; key skipped", tenantId, key, CredentialKeys.whyNoHeader(key));
                continue;
            }
            String value = headerValue(tenantId, key, sorted.get(key));
            if (value == null) {
                continue;
            }
            String taken = keyByLowerName.putIfAbsent(name.toLowerCase(Locale.ROOT), key);
            if (taken != null) {
                log.warn("Tenant '{}': Vault key '{}' maps to header {}, which key '{}' already sets; key skipped",
                        tenantId, key, name, taken);
                continue;
            }
            values.put(name, key.equals(CredentialKeys.API_KEY) ? "Bearer " + value : value);
        }
        return values.isEmpty() ? TenantHeaders.NONE : new TenantHeaders(values);
    }

    /** The value as header text, or {@code null} (with a warning naming the key only) when it cannot be sent. */
    private static String headerValue(String tenantId, String key, Object raw) {
        if (!(raw instanceof String || raw instanceof Number || raw instanceof Boolean)) {
            log.warn("Tenant '{}': Vault key '{}' is not a string; key skipped", tenantId, key);
            return null;
        }
        String value = String.valueOf(raw);
        if (!CredentialKeys.isSendableValue(value)) {
            log.warn("Tenant '{}': Vault key '{}' is empty or holds a line break, control or non-ASCII character, "
                    + "which a header value cannot carry; key skipped", tenantId, key);
            return null;
        }
        return value;
    }
}
