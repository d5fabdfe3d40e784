package dev.mcpgateway.policy;

import java.util.Locale;

/**
 * What a tool rule demands: a minimum {@link AccessLevel}, or {@code deny} for everyone.
 * Stored lower-case in {@code tool_rule.level}.
 */
public enum RuleLevel {

    READ(AccessLevel.READ), WRITE(AccessLevel.WRITE), ADMIN(AccessLevel.ADMIN), DENY(null);

    private final AccessLevel required;
    /** Lower-case name, computed once: it is read on every decision. */
    private final String value = name().toLowerCase(Locale.ROOT);

    RuleLevel(AccessLevel required) {
        this.required = required;
    }

    /** The level a member needs, or {@code null} for {@link #DENY}. */
    public AccessLevel required() {
        return required;
    }

    public String value() {
        return value;
    }

    public static RuleLevel of(AccessLevel level) {
        return switch (level) {
            case READ -> READ;
            case WRITE -> WRITE;
            case ADMIN -> ADMIN;
        };
    }

    /** Parses {@code read|write|admin|deny} (case-insensitive); anything else is an {@link IllegalArgumentException}. */
    public static RuleLevel of(String value) {
        if (value != null) {
            for (RuleLevel level : values()) {
                if (level.value().equalsIgnoreCase(value.trim())) {
                    return level;
                }
            }
        }
        throw new IllegalArgumentException("tool rule level must be one of read, write, admin, deny (was '" + value + "')");
    }
}
