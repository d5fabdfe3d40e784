package dev.mcpgateway.admin.account;

import java.time.Instant;

/** A local account (never its password hash outside the repository). */
public record Account(long id, String username, boolean platformAdmin, boolean enabled, Instant createdAt,
        Instant lastLoginAt) {
}
