package dev.mcpgateway.gateway.credential;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import org.springframework.http.HttpHeaders;

/**
 * The headers one tenant's backend receives, made from its Vault secret by {@link CredentialHeaders}.
 * The values are secrets: {@link #toString()} names the headers only, so logging an instance never leaks one.
 */
public final class TenantHeaders {

    public static final TenantHeaders NONE = new TenantHeaders(Map.of());

    private final Map<String, String> valuesByName;

    TenantHeaders(Map<String, String> valuesByName) {
        this.valuesByName = Collections.unmodifiableMap(new LinkedHashMap<>(valuesByName));
    }

    /** The header names, e.g. {@code Authorization}, {@code X-Tenant-Jira-Url}. */
    public Set<String> names() {
        return valuesByName.keySet();
    }

    public boolean isEmpty() {
        return valuesByName.isEmpty();
    }

    /** Sets every header on {@code headers}, replacing values already there under the same name. */
    public void applyTo(HttpHeaders headers) {
        valuesByName.forEach(headers::set);
    }

    /** Hands each header name and value to {@code action}, for clients that are not built on {@link HttpHeaders}. */
    public void forEach(BiConsumer<String, String> action) {
        valuesByName.forEach(action);
    }

    @Override
    public String toString() {
        return "TenantHeaders" + names();
    }
}
