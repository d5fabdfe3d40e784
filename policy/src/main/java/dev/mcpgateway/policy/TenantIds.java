package dev.mcpgateway.policy;

import java.util.regex.Pattern;

/** Tenant ids are URL slugs; the same pattern as the database constraint {@code tenant_id_format}. */
public final class TenantIds {

    public static final Pattern FORMAT = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");

    private TenantIds() {
    }

    public static boolean isValid(String id) {
        return id != null && FORMAT.matcher(id).matches();
    }
}
