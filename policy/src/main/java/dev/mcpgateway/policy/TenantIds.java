package dev.mcpgateway.policy;

import java.util.regex.Pattern;

/** Tenant ids are URL slugs; the same pattern as the database constraint {@code tenant_id_format}. */
public final class TenantIds {

    public static final String PATTERN = "^[a-z0-9][a-z0-9-]{0,62}$";
    public static final Pattern FORMAT = Pattern.compile(PATTERN);

    private TenantIds() {
    }

    /** {@link #PATTERN}, checked character by character: it runs several times on every call. */
    public static boolean isValid(String id) {
        if (id == null || id.isEmpty() || id.length() > 63 || id.charAt(0) == '-') {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
