package dev.mcpgateway.admin.client;

import java.time.Instant;

/** A gateway client key as listed: name, recognisable prefix, dates. Never the key or its hash. */
public record GatewayClient(long id, String name, String keyPrefix, Instant createdAt, Instant lastUsedAt,
        Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
