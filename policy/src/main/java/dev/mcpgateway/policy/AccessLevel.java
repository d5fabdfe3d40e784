package dev.mcpgateway.policy;

import java.util.Locale;

/**
 * A member's access level in a tenant, ordered: {@code read < write < admin}.
 * Stored lower-case in the database ({@code tenant_member.access_level}).
 */
public enum AccessLevel {

    READ, WRITE, ADMIN;

    /** Lower-case name, computed once: it is read on every decision. */
    private final String value = name().toLowerCase(Locale.ROOT);

    /** True when a member at this level may use a tool that requires {@code required}. */
    public boolean satisfies(AccessLevel required) {
        return compareTo(required) >= 0;
    }

    /** The database and YAML spelling: {@code read}, {@code write}, {@code admin}. */
    public String value() {
        return value;
    }

    /** Parses {@code read|write|admin} (case-insensitive); anything else is an {@link IllegalArgumentException}. */
    public static AccessLevel of(String value) {
        if (value != null) {
            for (AccessLevel level : values()) {
                if (level.value().equalsIgnoreCase(value.trim())) {
                    return level;
                }
            }
        }
        throw new IllegalArgumentException("access level must be one of read, write, admin (was '" + value + "')");
    }
}
