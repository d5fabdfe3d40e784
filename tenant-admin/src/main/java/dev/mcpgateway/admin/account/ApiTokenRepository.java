package dev.mcpgateway.admin.account;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes {@code api_token}: only SHA-256 hashes of tokens are stored. */
@Repository
class ApiTokenRepository {

    private static final String SELECT =
            "SELECT id, owner, name, token_prefix, created_at, last_used_at, revoked_at FROM api_token";

    private final JdbcClient jdbc;

    ApiTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<ApiToken> byOwner(String owner) {
        return jdbc.sql(SELECT + " WHERE lower(owner) = lower(?) ORDER BY revoked_at NULLS FIRST, created_at DESC")
                .param(owner).query(ApiTokenRepository::map).list();
    }

    boolean activeNameExists(String owner, String name) {
        return jdbc.sql("SELECT count(*) FROM api_token WHERE lower(owner) = lower(?) AND name = ? AND revoked_at IS NULL")
                .params(owner, name).query(Long.class).single() > 0;
    }

    List<ApiToken> all() {
        return jdbc.sql(SELECT + " ORDER BY revoked_at NULLS FIRST, lower(owner), created_at DESC")
                .query(ApiTokenRepository::map).list();
    }

    /** Binds the token to the owner's local account row when there is one (OIDC people have none). */
    void insert(String owner, String name, String hash, String prefix) {
        jdbc.sql("""
                        INSERT INTO api_token (owner, name, token_hash, token_prefix, account_id)
                        VALUES (?, ?, ?, ?, (SELECT id FROM admin_account WHERE lower(username) = lower(?)))""")
                .params(owner, name, hash, prefix, owner).update();
    }

    /**
     * The owner of the active token with this hash, marking it used. A token bound to an account works only while
     * that very row exists and is enabled: a deleted and re-created account of the same name does not match.
     */
    Optional<String> useActive(String hash) {
        return jdbc.sql("""
                        UPDATE api_token t SET last_used_at = now()
                        WHERE token_hash = ? AND revoked_at IS NULL
                          AND (account_id IS NULL
                               OR EXISTS (SELECT 1 FROM admin_account a WHERE a.id = t.account_id AND a.enabled))
                        RETURNING owner""")
                .param(hash).query(String.class).optional();
    }

    boolean revoke(long id, String owner) {
        return jdbc.sql("UPDATE api_token SET revoked_at = now() WHERE id = ? AND lower(owner) = lower(?) AND revoked_at IS NULL")
                .params(id, owner).update() > 0;
    }

    /** Revokes any active token (platform admins); the owner of the revoked token, or empty. */
    Optional<String> revokeAny(long id) {
        return jdbc.sql("UPDATE api_token SET revoked_at = now() WHERE id = ? AND revoked_at IS NULL RETURNING owner")
                .param(id).query(String.class).optional();
    }

    /** Revokes every active token of an account (bound to its row, or older ones named after it); how many. */
    int revokeAllOf(String username) {
        return jdbc.sql("""
                        UPDATE api_token SET revoked_at = now()
                        WHERE revoked_at IS NULL
                          AND (lower(owner) = lower(?)
                               OR account_id = (SELECT id FROM admin_account WHERE lower(username) = lower(?)))""")
                .params(username, username).update();
    }

    private static ApiToken map(ResultSet rs, int row) throws SQLException {
        return new ApiToken(rs.getLong("id"), rs.getString("owner"), rs.getString("name"), rs.getString("token_prefix"),
                rs.getTimestamp("created_at").toInstant(), instant(rs.getTimestamp("last_used_at")),
                instant(rs.getTimestamp("revoked_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
