package dev.mcpgateway.policy;

import java.util.regex.Pattern;

/**
 * The limits of a tenant's display name and backend URL, the same as the database constraints
 * ({@code tenant_display_name_length}, {@code tenant_backend_url_format}); the bootstrap file and tenant-admin's
 * form check with these, so what one accepts the database and the other accept too.
 */
public final class TenantFields {

    public static final int MAX_DISPLAY_NAME_LENGTH = 200;
    public static final int MAX_BACKEND_URL_LENGTH = 2048;
    /** Lower-case {@code http://} or {@code https://}, a host, no white space. */
    public static final String BACKEND_URL_PATTERN = "^https?://[^\\s/?#]+[^\\s]*$";
    private static final Pattern BACKEND_URL = Pattern.compile(BACKEND_URL_PATTERN);

    private TenantFields() {
    }

    /** 1-200 characters, not only white space. */
    public static boolean isDisplayName(String name) {
        return name != null && !name.isBlank() && name.length() <= MAX_DISPLAY_NAME_LENGTH;
    }

    /** An {@code http://} or {@code https://} URL with a host, without white space, at most 2048 characters. */
    public static boolean isBackendUrl(String url) {
        return url != null && url.length() <= MAX_BACKEND_URL_LENGTH && BACKEND_URL.matcher(url).matches();
    }
}
