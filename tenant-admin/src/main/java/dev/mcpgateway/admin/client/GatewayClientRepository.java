package dev.mcpgateway.admin.client;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes {@code gateway_client}; the schema's trigger tells the gateway about new and revoked keys. */
@Repository
class GatewayClientRepository {

    private static final String SELECT = "SELECT id, name, key_prefix, created_at, last_used_at, revoked_at FROM gateway_client";

    private final JdbcClient jdbc;

    GatewayClientRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<GatewayClient> list() {
        return jdbc.sql(SELECT + " ORDER BY revoked_at NULLS FIRST, lower(name)").query(GatewayClientRepository::map).list();
    }

    Optional<GatewayClient> find(long id) {
        return jdbc.sql(SELECT + " WHERE id = ?").param(id).query(GatewayClientRepository::map).optional();
    }

    boolean nameExists(String name) {
        return jdbc.sql("SELECT count(*) FROM gateway_client WHERE name = ?").param(name).query(Long.class).single() > 0;
    }

    long insert(String name, String keyHash, String keyPrefix) {
        return jdbc.sql("INSERT INTO gateway_client (name, key_hash, key_prefix) VALUES (?, ?, ?) RETURNING id")
                .params(name, keyHash, keyPrefix).query(Long.class).single();
    }

    boolean revoke(long id) {
        return jdbc.sql("UPDATE gateway_client SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL").param(id)
                .update() > 0;
    }

    private static GatewayClient map(ResultSet rs, int row) throws SQLException {
        return new GatewayClient(rs.getLong("id"), rs.getString("name"), rs.getString("key_prefix"),
                rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("last_used_at")),
                instant(rs.getTimestamp("revoked_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
