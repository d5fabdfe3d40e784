package dev.mcpgateway.admin.client;

import java.time.Instant;
import org.springframework.data.annotation.Id;
import org.springframework.data.relational.core.mapping.Table;

/** A gateway client key as listed: name, recognisable prefix, dates. Never the key or its hash. */
@Table("gateway_client")
public record GatewayClient(@Id long id, String name, String keyPrefix, Instant createdAt, Instant lastUsedAt,
        Instant revokedAt) {

    public boolean active() {
        return revokedAt == null;
    }
}
