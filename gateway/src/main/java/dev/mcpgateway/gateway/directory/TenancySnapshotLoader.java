package dev.mcpgateway.gateway.directory;

import dev.mcpgateway.policy.AccessLevel;
import dev.mcpgateway.policy.RateLimits.Bucket;
import dev.mcpgateway.policy.RateLimits;
import dev.mcpgateway.policy.RuleLevel;
import dev.mcpgateway.policy.TenantPolicy;
import dev.mcpgateway.policy.ToolRule;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Reads tenants, memberships, tool rules and active client keys from Postgres into one {@link TenancySnapshot}.
 * Four queries in one read-only repeatable-read transaction, so the snapshot is consistent and a reload of
 * 10,000 tenants costs four round trips, not one per tenant.
 */
@Component
public class TenancySnapshotLoader {

    private static final Logger log = LoggerFactory.getLogger(TenancySnapshotLoader.class);
    private static final int FETCH_SIZE = 5_000;

    private final JdbcTemplate jdbc;

    public TenancySnapshotLoader(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Loads the current state; throws a {@link org.springframework.dao.DataAccessException} when Postgres fails. */
    public TenancySnapshot load() {
        return loadWithFingerprint().snapshot();
    }

    /** Loads the current state with a fingerprint of every row read, equal for equal database content. */
    public Loaded loadWithFingerprint() {
        return jdbc.execute((ConnectionCallback<Loaded>) this::load);
    }

    /**
     * @param snapshot    what was read
     * @param fingerprint an order-independent hash of every row read: a reload that finds the same fingerprint found
     *                    nothing new, so the current snapshot (and whatever is cached against it) can stay
     */
    public record Loaded(TenancySnapshot snapshot, long fingerprint) {
    }

    private Loaded load(Connection connection) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        boolean readOnly = connection.isReadOnly();
        int isolation = connection.getTransactionIsolation();
        connection.setAutoCommit(false);
        connection.setReadOnly(true);
        connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        try {
            Fingerprint fingerprint = new Fingerprint();
            Map<String, List<ToolRule>> rules = toolRules(connection, fingerprint);
            Map<String, Tenant> tenants = tenants(connection, rules, fingerprint);
            Map<String, Map<String, AccessLevel>> memberships = memberships(connection, fingerprint);
            Map<String, String> clientKeys = clientKeys(connection, fingerprint);
            connection.commit();
            return new Loaded(new TenancySnapshot(Map.copyOf(tenants), Map.copyOf(memberships), Map.copyOf(clientKeys)),
                    fingerprint.value());
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
            connection.setReadOnly(readOnly);
            connection.setTransactionIsolation(isolation);
        }
    }

    private Map<String, List<ToolRule>> toolRules(Connection connection, Fingerprint fingerprint) throws SQLException {
        Map<String, List<ToolRule>> rules = new HashMap<>();
        try (PreparedStatement statement = query(connection, "SELECT tenant_id, tool, level FROM tool_rule");
             ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                fingerprint.addRow(1, rows, 3);
                rules.computeIfAbsent(rows.getString(1), id -> new ArrayList<>())
                        .add(new ToolRule(rows.getString(2), RuleLevel.of(rows.getString(3))));
            }
        }
        return rules;
    }

    private Map<String, Tenant> tenants(Connection connection, Map<String, List<ToolRule>> rules,
                                        Fingerprint fingerprint) throws SQLException {
        Map<String, Tenant> tenants = new HashMap<>();
        String sql = "SELECT id, display_name, backend_url, backend_type, enabled, default_tool_level,"
                + " tool_levels_from_annotations, rate_limit_per_user_rps, rate_limit_per_user_burst,"
                + " rate_limit_tenant_rps, rate_limit_tenant_burst, max_concurrent_calls, max_response_bytes FROM tenant";
        try (PreparedStatement statement = query(connection, sql); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                fingerprint.addRow(2, rows, 13);
                String id = rows.getString(1);
                try {
                    TenantPolicy policy = new TenantPolicy(AccessLevel.of(rows.getString(6)),
                            rules.getOrDefault(id, List.of()));
                    tenants.put(id, new Tenant(id, rows.getString(2), URI.create(rows.getString(3)),
                            BackendType.of(rows.getString(4)), rows.getBoolean(5), rows.getBoolean(7), policy,
                            rateLimits(rows)));
                } catch (IllegalArgumentException e) {
                    // The schema's constraints make this unlikely; one odd row must not hide every other tenant.
                    log.warn("Skipping tenant '{}': {}", id, e.getMessage());
                }
            }
        }
        return tenants;
    }

    /** The V3 columns; SQL NULL stays {@code null} (the gateway default applies), 0 is unlimited. */
    private static RateLimits rateLimits(ResultSet row) throws SQLException {
        RateLimits limits = new RateLimits(bucket(row, 8), bucket(row, 10), row.getObject(12, Integer.class),
                row.getObject(13, Long.class));
        return limits.anySet() ? limits : RateLimits.NONE;
    }

    private static Bucket bucket(ResultSet row, int rateColumn) throws SQLException {
        Integer rate = row.getObject(rateColumn, Integer.class);
        Integer burst = row.getObject(rateColumn + 1, Integer.class);
        return rate == null || burst == null ? null : new Bucket(rate, burst);
    }

    private Map<String, Map<String, AccessLevel>> memberships(Connection connection, Fingerprint fingerprint)
            throws SQLException {
        Map<String, Map<String, AccessLevel>> byEmail = new HashMap<>();
        String sql = "SELECT lower(email), tenant_id, access_level FROM tenant_member";
        try (PreparedStatement statement = query(connection, sql); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                fingerprint.addRow(3, rows, 3);
                byEmail.computeIfAbsent(rows.getString(1), email -> new HashMap<>())
                        .put(rows.getString(2), AccessLevel.of(rows.getString(3)));
            }
        }
        byEmail.replaceAll((email, tenants) -> Map.copyOf(tenants));
        return byEmail;
    }

    private Map<String, String> clientKeys(Connection connection, Fingerprint fingerprint) throws SQLException {
        Map<String, String> keys = new HashMap<>();
        String sql = "SELECT key_hash, name FROM gateway_client WHERE revoked_at IS NULL";
        try (PreparedStatement statement = query(connection, sql); ResultSet rows = statement.executeQuery()) {
            while (rows.next()) {
                fingerprint.addRow(4, rows, 2);
                keys.put(rows.getString(1), rows.getString(2));
            }
        }
        return keys;
    }

    private static PreparedStatement query(Connection connection, String sql) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        statement.setFetchSize(FETCH_SIZE);
        return statement;
    }

    /** Sum of mixed per-row hashes: independent of row order, which Postgres does not promise without ORDER BY. */
    private static final class Fingerprint {

        private long sum;

        void addRow(int table, ResultSet row, int columns) throws SQLException {
            long hash = table;
            for (int column = 1; column <= columns; column++) {
                hash = hash * 0x9E3779B97F4A7C15L + String.valueOf(row.getString(column)).hashCode();
            }
            sum += mix(hash);
        }

        long value() {
            return mix(sum);
        }

        private static long mix(long value) {
            value ^= value >>> 33;
            value *= 0xff51afd7ed558ccdL;
            value ^= value >>> 33;
            value *= 0xc4ceb3fe1a85ec53L;
            return value ^ (value >>> 33);
        }
    }
}
