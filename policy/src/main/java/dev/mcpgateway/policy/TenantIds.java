package dev.mcpgateway.policy;

import java.util.regex.Pattern;

/** Tenant ids are URL slugs; the same pattern as the database constraint {@code tenant_id_format}. */
public final class TenantIds {

    public static final String PATTERN = "^[a-z0-9][a-z0-9-]{0,62}$";
    public static final Pattern FORMAT = Pattern.compile(PATTERN);

    private TenantIds() {
    }

    public static boolean isValid(String id) {
        return id != null && FORMAT.matcher(id).matches();
    }
}
