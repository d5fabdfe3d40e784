package dev.mcpgateway.gateway.credential;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The documented convention that turns a tenant's Vault secret into request headers:
 * {@code api_key} → {@code Authorization: Bearer <value>}; {@code header.<Name>} → {@code <Name>};
 * any other key, e.g. {@code jira_url} → {@code X-Tenant-Jira-Url}. Keys that would make an invalid or
 * framing header, and values that are not single-line text, are skipped with a warning that never shows the value.
 */
public final class CredentialHeaders {

    /** The one key that becomes a bearer token. */
    public static final String API_KEY = "api_key";
    /** Keys starting with this name their header literally. */
    public static final String EXPLICIT_PREFIX = "header.";
    /** Every other key becomes a header starting with this; callers' headers with this prefix are always dropped. */
    public static final String DERIVED_PREFIX = "X-Tenant-";

    private static final Logger log = LoggerFactory.getLogger(CredentialHeaders.class);

    /** Headers that frame or route the request: a secret must not be able to set them. */
    private static final Set<String> FORBIDDEN = Set.of("host", "content-length", "transfer-encoding", "connection",
            "keep-alive", "upgrade", "te", "trailer", "proxy-connection", "expect");

    private CredentialHeaders() {
    }

    /**
     * The headers for {@code secret} (a KV v2 secret's data). When two keys give the same header, a
     * {@code header.<Name>} key wins over the others; otherwise the first key in alphabetical order wins.
     */
    public static TenantHeaders from(String tenantId, Map<String, ?> secret) {
        if (secret == null || secret.isEmpty()) {
            return TenantHeaders.NONE;
        }
        List<String> keys = new ArrayList<>();
        Map<String, ?> sorted = new TreeMap<>(secret);
        sorted.keySet().stream().filter(key -> key.startsWith(EXPLICIT_PREFIX)).forEach(keys::add);
        sorted.keySet().stream().filter(key -> !key.startsWith(EXPLICIT_PREFIX)).forEach(keys::add);

        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> keyByLowerName = new HashMap<>();
        for (String key : keys) {
            String name = headerName(tenantId, key);
            String value = name == null ? null : headerValue(tenantId, key, sorted.get(key));
            if (value == null) {
                continue;
            }
            String taken = keyByLowerName.putIfAbsent(name.toLowerCase(Locale.ROOT), key);
            if (taken != null) {
                log.warn("Tenant '{}': Vault key '{}' maps to header {}, which key '{}' already sets; key skipped",
                        tenantId, key, name, taken);
                continue;
            }
            values.put(name, key.equals(API_KEY) ? "Bearer " + value : value);
        }
        return values.isEmpty() ? TenantHeaders.NONE : new TenantHeaders(values);
    }

    /** The header {@code key} maps to, or {@code null} (with a warning) when it would not be a usable header. */
    static String headerName(String tenantId, String key) {
        String name;
        if (key.equals(API_KEY)) {
            name = "Authorization";
        } else if (key.startsWith(EXPLICIT_PREFIX)) {
            name = key.substring(EXPLICIT_PREFIX.length());
        } else {
            name = derivedName(key);
        }
        if (name == null || !isToken(name)) {
            log.warn("Tenant '{}': Vault key '{}' does not make a valid header name; key skipped", tenantId, key);
            return null;
        }
        if (FORBIDDEN.contains(name.toLowerCase(Locale.ROOT))) {
            log.warn("Tenant '{}': Vault key '{}' would set the {} header, which credentials may not set; key skipped",
                    tenantId, key, name);
            return null;
        }
        return name;
    }

    /** {@code jira_url} or {@code jira-url} → {@code X-Tenant-Jira-Url}; {@code null} unless the parts are letters and digits. */
    private static String derivedName(String key) {
        StringBuilder name = new StringBuilder(DERIVED_PREFIX);
        boolean anyPart = false;
        for (String part : key.split("[_-]")) {
            if (part.isEmpty()) {
                continue;
            }
            for (int i = 0; i < part.length(); i++) {
                char c = part.charAt(i);
                if (!(c < 128 && Character.isLetterOrDigit(c))) {
                    return null;
                }
            }
            if (anyPart) {
                name.append('-');
            }
            name.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1).toLowerCase(Locale.ROOT));
            anyPart = true;
        }
        return anyPart ? name.toString() : null;
    }

    /** The value as header text, or {@code null} (with a warning naming the key only) when it is not single-line text. */
    private static String headerValue(String tenantId, String key, Object raw) {
        if (!(raw instanceof String || raw instanceof Number || raw instanceof Boolean)) {
            log.warn("Tenant '{}': Vault key '{}' is not a string; key skipped", tenantId, key);
            return null;
        }
        String value = String.valueOf(raw);
        if (value.isBlank()) {
            log.warn("Tenant '{}': Vault key '{}' is empty; key skipped", tenantId, key);
            return null;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if ((c < 0x20 && c != '\t') || c >= 0x7f) {
                log.warn("Tenant '{}': Vault key '{}' holds a line break, control or non-ASCII character, "
                        + "which a header value cannot carry; key skipped", tenantId, key);
                return null;
            }
        }
        return value;
    }

    /** RFC 9110 token: the characters a header name may have. */
    private static boolean isToken(String name) {
        if (name.isEmpty()) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            boolean ok = (c < 128 && Character.isLetterOrDigit(c)) || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
            if (!ok) {
                return false;
            }
        }
        return true;
    }
}
