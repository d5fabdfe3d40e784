package dev.mcpgateway.admin.account;

import java.time.Instant;

/** A local account (never its password hash outside the repository). */
public record Account(long id, String username, boolean platformAdmin, Instant createdAt, Instant lastLoginAt) {
}
