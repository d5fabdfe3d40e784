package dev.mcpgateway.admin.account;

import java.sql.Timestamp;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes {@code admin_account}; passwords only ever as encoded hashes. */
@Repository
class AccountRepository {

    /** What sign-in needs: the hash stays inside the account package. */
    record Credentials(String username, String passwordHash, boolean platformAdmin, boolean enabled) {
        @Override
        public String toString() {
            return "Credentials[username=" + username + "]";
        }
    }

    private final JdbcClient jdbc;

    AccountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Credentials> credentials(String username) {
        return jdbc.sql("SELECT username, password_hash, platform_admin, enabled FROM admin_account WHERE lower(username) = lower(?)")
                .param(username)
                .query((rs, row) -> new Credentials(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4)))
                .optional();
    }

    boolean exists(String username) {
        return jdbc.sql("SELECT count(*) FROM admin_account WHERE lower(username) = lower(?)").param(username)
                .query(Long.class).single() > 0;
    }

    List<Account> list() {
        return jdbc.sql("SELECT id, username, platform_admin, enabled, created_at, last_login_at FROM admin_account ORDER BY lower(username)")
                .query((rs, row) -> new Account(rs.getLong(1), rs.getString(2), rs.getBoolean(3), rs.getBoolean(4),
                        rs.getTimestamp(5).toInstant(), instant(rs.getTimestamp(6))))
                .list();
    }

    void insert(String username, String passwordHash, boolean platformAdmin) {
        jdbc.sql("INSERT INTO admin_account (username, password_hash, platform_admin) VALUES (?, ?, ?)")
                .params(username, passwordHash, platformAdmin).update();
    }

    boolean updatePassword(String username, String passwordHash) {
        return jdbc.sql("UPDATE admin_account SET password_hash = ? WHERE lower(username) = lower(?)")
                .params(passwordHash, username).update() > 0;
    }

    boolean setEnabled(String username, boolean enabled) {
        return jdbc.sql("UPDATE admin_account SET enabled = ? WHERE lower(username) = lower(?)")
                .params(enabled, username).update() > 0;
    }

    boolean delete(String username) {
        return jdbc.sql("DELETE FROM admin_account WHERE lower(username) = lower(?)").param(username).update() > 0;
    }

    void recordLogin(String username) {
        jdbc.sql("UPDATE admin_account SET last_login_at = now() WHERE lower(username) = lower(?)").param(username).update();
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }
}
