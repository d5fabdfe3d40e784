package dev.mcpgateway.admin.account;

import java.time.Instant;

/** An API token as listed: its name and recognisable prefix, never the token or its hash. */
public record ApiToken(long id, String owner, String name, String prefix, Instant createdAt, Instant lastUsedAt,
        Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
