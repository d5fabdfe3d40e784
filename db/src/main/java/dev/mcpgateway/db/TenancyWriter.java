package dev.mcpgateway.db;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.function.Function;

/**
 * The one writer of tenants, members and tool rules (the gateway's bootstrap file and tenant-admin): a row is touched
 * only when a value differs, so the schema's NOTIFY fires only for real changes; rows travel as arrays, one statement
 * per kind of change. Plain JDBC on the caller's connection and transaction, so that db/ needs no framework.
 */
public final class TenancyWriter {

    /**
     * One {@code tenant} row as written; a {@code null} limit means the gateway's default, {@code 0} unlimited.
     *
     * @param backendType      {@code openapi} or {@code mcp}
     * @param defaultToolLevel {@code read}, {@code write} or {@code admin}
     */
    public record TenantRow(String id, String displayName, String backendUrl, String backendType, boolean enabled,
                            String defaultToolLevel, boolean toolLevelsFromAnnotations, Integer perUserRps,
                            Integer perUserBurst, Integer tenantRps, Integer tenantBurst, Integer maxConcurrentCalls,
                            Long maxResponseBytes) {
    }

    /** @param email lower-case: memberships are compared case-insensitively */
    public record Member(String tenantId, String email, String accessLevel) {
    }

    /** @param tool a tool name or pattern ({@code delete_*}) */
    public record Rule(String tenantId, String tool, String level) {
    }

    /** The tenant columns every writer sets, with their SQL types; created_at and updated_at are the schema's. */
    private static final List<Column> TENANT_COLUMNS = List.of(
            new Column("id", "text", TenantRow::id),
            new Column("display_name", "text", TenantRow::displayName),
            new Column("backend_url", "text", TenantRow::backendUrl),
            new Column("backend_type", "text", TenantRow::backendType),
            new Column("enabled", "boolean", TenantRow::enabled),
            new Column("default_tool_level", "text", TenantRow::defaultToolLevel),
            new Column("tool_levels_from_annotations", "boolean", TenantRow::toolLevelsFromAnnotations),
            new Column("rate_limit_per_user_rps", "integer", TenantRow::perUserRps),
            new Column("rate_limit_per_user_burst", "integer", TenantRow::perUserBurst),
            new Column("rate_limit_tenant_rps", "integer", TenantRow::tenantRps),
            new Column("rate_limit_tenant_burst", "integer", TenantRow::tenantBurst),
            new Column("max_concurrent_calls", "integer", TenantRow::maxConcurrentCalls),
            new Column("max_response_bytes", "bigint", TenantRow::maxResponseBytes));
    private static final List<Column> TENANT_VALUES = TENANT_COLUMNS.subList(1, TENANT_COLUMNS.size());
    private static final String UPSERT_TENANTS = "INSERT INTO tenant (" + names("", TENANT_COLUMNS) + ")"
            + " SELECT * FROM unnest(" + join(TENANT_COLUMNS, c -> "?::" + c.type() + "[]") + ")"
            + " ON CONFLICT (id) DO UPDATE SET " + join(TENANT_VALUES, c -> c.name() + " = EXCLUDED." + c.name())
            + " WHERE (" + names("tenant.", TENANT_VALUES) + ") IS DISTINCT FROM (" + names("EXCLUDED.", TENANT_VALUES)
            + ")";
    private static final String INSERT_TENANT = "INSERT INTO tenant (" + names("", TENANT_COLUMNS) + ") VALUES ("
            + join(TENANT_COLUMNS, c -> "?::" + c.type()) + ")";
    private static final String UPDATE_TENANT = "UPDATE tenant SET "
            + join(TENANT_VALUES, c -> c.name() + " = ?::" + c.type()) + " WHERE id = ? AND ("
            + names("", TENANT_VALUES) + ") IS DISTINCT FROM (" + join(TENANT_VALUES, c -> "?::" + c.type()) + ")";

    private static final String UPSERT_MEMBERS = """
            INSERT INTO tenant_member (tenant_id, email, access_level)
            SELECT * FROM unnest(?::text[], ?::text[], ?::text[])
            ON CONFLICT (tenant_id, lower(email)) DO UPDATE SET access_level = EXCLUDED.access_level
            WHERE tenant_member.access_level IS DISTINCT FROM EXCLUDED.access_level""";
    private static final String DELETE_MEMBERS_NOT_LISTED = """
            DELETE FROM tenant_member m WHERE m.tenant_id = ANY (?::text[])
            AND NOT EXISTS (SELECT 1 FROM unnest(?::text[], ?::text[]) AS f (tenant_id, email)
                            WHERE f.tenant_id = m.tenant_id AND f.email = lower(m.email))""";
    private static final String DELETE_MEMBER = """
            DELETE FROM tenant_member WHERE tenant_id = ? AND lower(email) = lower(?)""";
    private static final String UPSERT_RULES = """
            INSERT INTO tool_rule (tenant_id, tool, level)
            SELECT * FROM unnest(?::text[], ?::text[], ?::text[])
            ON CONFLICT ON CONSTRAINT tool_rule_tenant_tool_key DO UPDATE SET level = EXCLUDED.level
            WHERE tool_rule.level IS DISTINCT FROM EXCLUDED.level""";
    private static final String DELETE_RULES_NOT_LISTED = """
            DELETE FROM tool_rule r WHERE r.tenant_id = ANY (?::text[])
            AND NOT EXISTS (SELECT 1 FROM unnest(?::text[], ?::text[]) AS f (tenant_id, tool)
                            WHERE f.tenant_id = r.tenant_id AND f.tool = r.tool)""";
    private static final String DELETE_RULE = "DELETE FROM tool_rule WHERE tenant_id = ? AND tool = ?";

    private TenancyWriter() {
    }

    /** Creates the tenants or updates those whose values differ; returns how many rows were created or changed. */
    public static int upsertTenants(Connection connection, List<TenantRow> tenants) throws SQLException {
        Array[] arrays = new Array[TENANT_COLUMNS.size()];
        for (int i = 0; i < arrays.length; i++) {
            Column column = TENANT_COLUMNS.get(i);
            arrays[i] = connection.createArrayOf(column.type(), tenants.stream().map(column.value()).toArray());
        }
        return update(connection, UPSERT_TENANTS, arrays);
    }

    /** Creates one tenant; a tenant of that id already there is a unique violation, not an update. */
    public static void insertTenant(Connection connection, TenantRow tenant) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(INSERT_TENANT)) {
            int index = 1;
            for (Column column : TENANT_COLUMNS) {
                statement.setObject(index++, column.value().apply(tenant));
            }
            statement.executeUpdate();
        }
    }

    /** Sets every value of the tenant {@code tenant.id()} names; true when that changed the row. */
    public static boolean updateTenant(Connection connection, TenantRow tenant) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(UPDATE_TENANT)) {
            int index = 1;
            for (Column column : TENANT_VALUES) {
                statement.setObject(index++, column.value().apply(tenant));
            }
            statement.setString(index++, tenant.id());
            for (Column column : TENANT_VALUES) {
                statement.setObject(index++, column.value().apply(tenant));
            }
            return statement.executeUpdate() > 0;
        }
    }

    /** Adds the members or sets their level; returns how many rows were added or changed. */
    public static int upsertMembers(Connection connection, List<Member> members) throws SQLException {
        return update(connection, UPSERT_MEMBERS, text(connection, members, Member::tenantId),
                text(connection, members, Member::email), text(connection, members, Member::accessLevel));
    }

    /** Removes every member of {@code tenantIds} that {@code members} does not list; returns how many. */
    public static int deleteMembersNotListed(Connection connection, Collection<String> tenantIds, List<Member> members)
            throws SQLException {
        return update(connection, DELETE_MEMBERS_NOT_LISTED, connection.createArrayOf("text", tenantIds.toArray()),
                text(connection, members, Member::tenantId), text(connection, members, Member::email));
    }

    /** Removes one membership, whatever the case of {@code email}; true when there was one. */
    public static boolean deleteMember(Connection connection, String tenantId, String email) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(DELETE_MEMBER)) {
            statement.setString(1, tenantId);
            statement.setString(2, email);
            return statement.executeUpdate() > 0;
        }
    }

    /** Adds the rules or sets their level; returns how many rows were added or changed. */
    public static int upsertRules(Connection connection, List<Rule> rules) throws SQLException {
        return update(connection, UPSERT_RULES, text(connection, rules, Rule::tenantId),
                text(connection, rules, Rule::tool), text(connection, rules, Rule::level));
    }

    /** Removes every rule of {@code tenantIds} that {@code rules} does not list; returns how many. */
    public static int deleteRulesNotListed(Connection connection, Collection<String> tenantIds, List<Rule> rules)
            throws SQLException {
        return update(connection, DELETE_RULES_NOT_LISTED, connection.createArrayOf("text", tenantIds.toArray()),
                text(connection, rules, Rule::tenantId), text(connection, rules, Rule::tool));
    }

    /** Removes the rule for exactly {@code tool} (a pattern is a tool here); true when there was one. */
    public static boolean deleteRule(Connection connection, String tenantId, String tool) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(DELETE_RULE)) {
            statement.setString(1, tenantId);
            statement.setString(2, tool);
            return statement.executeUpdate() > 0;
        }
    }

    private static String names(String prefix, List<Column> columns) {
        return join(columns, column -> prefix + column.name());
    }

    private static String join(List<Column> columns, Function<Column, String> part) {
        return String.join(", ", columns.stream().map(part).toList());
    }

    private static <T> Array text(Connection connection, List<T> rows, Function<T, String> column) throws SQLException {
        return connection.createArrayOf("text", rows.stream().map(column).toArray(String[]::new));
    }

    private static int update(Connection connection, String sql, Array... arrays) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < arrays.length; i++) {
                statement.setArray(i + 1, arrays[i]);
            }
            return statement.executeUpdate();
        }
    }

    /** A tenant column: its name, SQL type (for the casts arrays and untyped nulls need) and value in a row. */
    private record Column(String name, String type, Function<TenantRow, Object> value) {
    }
}
