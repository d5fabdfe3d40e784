package dev.mcpgateway.gateway.bootstrap;

import dev.mcpgateway.gateway.bootstrap.BootstrapFile.Member;
import dev.mcpgateway.gateway.bootstrap.BootstrapFile.TenantEntry;
import dev.mcpgateway.gateway.config.GatewayProperties;
import dev.mcpgateway.policy.RateLimits;
import dev.mcpgateway.policy.RateLimits.Bucket;
import dev.mcpgateway.policy.ToolRule;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Applies {@code mcpgateway.bootstrap.file} at startup, before the directory's first load: tenants are created or
 * updated (a tenant without a {@code rateLimit} block gets the gateway's default limits), and the members and tool
 * rules of each listed tenant become exactly those of the file; tenants the file does not list are left alone. One transaction, one statement per table and kind of change (rows travel as
 * arrays), so a file of 10,000 tenants applies in seconds and a failure changes nothing.
 */
@Component
class BootstrapFileApplier implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(BootstrapFileApplier.class);

    private static final String UPSERT_TENANTS = """
            INSERT INTO tenant (id, display_name, backend_url, backend_type, enabled, default_tool_level,
                                tool_levels_from_annotations, rate_limit_per_user_rps, rate_limit_per_user_burst,
                                rate_limit_tenant_rps, rate_limit_tenant_burst, max_concurrent_calls, max_response_bytes)
            SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::text[], ?::boolean[],
                                 ?::integer[], ?::integer[], ?::integer[], ?::integer[], ?::integer[], ?::bigint[])
            ON CONFLICT (id) DO UPDATE SET display_name = EXCLUDED.display_name, backend_url = EXCLUDED.backend_url,
                backend_type = EXCLUDED.backend_type, enabled = EXCLUDED.enabled,
                default_tool_level = EXCLUDED.default_tool_level,
                tool_levels_from_annotations = EXCLUDED.tool_levels_from_annotations,
                rate_limit_per_user_rps = EXCLUDED.rate_limit_per_user_rps,
                rate_limit_per_user_burst = EXCLUDED.rate_limit_per_user_burst,
                rate_limit_tenant_rps = EXCLUDED.rate_limit_tenant_rps,
                rate_limit_tenant_burst = EXCLUDED.rate_limit_tenant_burst,
                max_concurrent_calls = EXCLUDED.max_concurrent_calls, max_response_bytes = EXCLUDED.max_response_bytes
            WHERE (tenant.display_name, tenant.backend_url, tenant.backend_type, tenant.enabled, tenant.default_tool_level,
                   tenant.tool_levels_from_annotations, tenant.rate_limit_per_user_rps, tenant.rate_limit_per_user_burst,
                   tenant.rate_limit_tenant_rps, tenant.rate_limit_tenant_burst, tenant.max_concurrent_calls,
                   tenant.max_response_bytes)
                IS DISTINCT FROM (EXCLUDED.display_name, EXCLUDED.backend_url, EXCLUDED.backend_type, EXCLUDED.enabled,
                EXCLUDED.default_tool_level, EXCLUDED.tool_levels_from_annotations, EXCLUDED.rate_limit_per_user_rps,
                EXCLUDED.rate_limit_per_user_burst, EXCLUDED.rate_limit_tenant_rps, EXCLUDED.rate_limit_tenant_burst,
                EXCLUDED.max_concurrent_calls, EXCLUDED.max_response_bytes)""";
    private static final String DELETE_OTHER_MEMBERS = """
            DELETE FROM tenant_member m WHERE m.tenant_id = ANY (?::text[])
            AND NOT EXISTS (SELECT 1 FROM unnest(?::text[], ?::text[]) AS f (tenant_id, email)
                            WHERE f.tenant_id = m.tenant_id AND f.email = lower(m.email))""";
    private static final String UPSERT_MEMBERS = """
            INSERT INTO tenant_member (tenant_id, email, access_level)
            SELECT * FROM unnest(?::text[], ?::text[], ?::text[])
            ON CONFLICT (tenant_id, lower(email)) DO UPDATE SET access_level = EXCLUDED.access_level
            WHERE tenant_member.access_level IS DISTINCT FROM EXCLUDED.access_level""";
    private static final String DELETE_OTHER_RULES = """
            DELETE FROM tool_rule r WHERE r.tenant_id = ANY (?::text[])
            AND NOT EXISTS (SELECT 1 FROM unnest(?::text[], ?::text[]) AS f (tenant_id, tool)
                            WHERE f.tenant_id = r.tenant_id AND f.tool = r.tool)""";
    private static final String UPSERT_RULES = """
            INSERT INTO tool_rule (tenant_id, tool, level)
            SELECT * FROM unnest(?::text[], ?::text[], ?::text[])
            ON CONFLICT ON CONSTRAINT tool_rule_tenant_tool_key DO UPDATE SET level = EXCLUDED.level
            WHERE tool_rule.level IS DISTINCT FROM EXCLUDED.level""";

    private final JdbcTemplate jdbc;
    private final Path file;

    BootstrapFileApplier(JdbcTemplate jdbc, GatewayProperties properties) {
        this.jdbc = jdbc;
        Path configured = properties.bootstrap().file();
        this.file = configured == null || configured.toString().isBlank() ? null : configured;
    }

    @Override
    public void afterPropertiesSet() {
        if (file != null) {
            apply(BootstrapFileReader.read(file));
        }
    }

    void apply(BootstrapFile bootstrap) {
        long started = System.nanoTime();
        Counts counts;
        try {
            counts = jdbc.execute((ConnectionCallback<Counts>) connection -> inOneTransaction(connection, bootstrap));
        } catch (DataAccessException e) {
            throw new BootstrapFileException("Cannot apply bootstrap file " + file + ": "
                    + e.getMostSpecificCause().getMessage(), e);
        }
        log.info("Applied bootstrap file {} in {} ms: {} tenants ({} created or changed), {} members ({} removed,"
                        + " {} added or changed), {} tool rules ({} removed, {} added or changed)", file,
                (System.nanoTime() - started) / 1_000_000, bootstrap.tenants().size(), counts.tenants,
                counts.memberRows, counts.membersRemoved, counts.membersUpserted, counts.ruleRows, counts.rulesRemoved,
                counts.rulesUpserted);
    }

    private Counts inOneTransaction(Connection connection, BootstrapFile bootstrap) throws SQLException {
        boolean autoCommit = connection.getAutoCommit();
        connection.setAutoCommit(false);
        try {
            Counts counts = write(connection, bootstrap.tenants());
            connection.commit();
            return counts;
        } catch (SQLException | RuntimeException e) {
            connection.rollback();
            throw e;
        } finally {
            connection.setAutoCommit(autoCommit);
        }
    }

    private Counts write(Connection connection, List<TenantEntry> tenants) throws SQLException {
        int size = tenants.size();
        String[] ids = new String[size];
        String[] names = new String[size];
        String[] urls = new String[size];
        String[] types = new String[size];
        Boolean[] enabled = new Boolean[size];
        String[] levels = new String[size];
        Boolean[] fromAnnotations = new Boolean[size];
        Integer[] perUserRps = new Integer[size];
        Integer[] perUserBurst = new Integer[size];
        Integer[] tenantRps = new Integer[size];
        Integer[] tenantBurst = new Integer[size];
        Integer[] maxConcurrent = new Integer[size];
        Long[] maxResponseBytes = new Long[size];
        List<String> memberTenants = new ArrayList<>();
        List<String> memberEmails = new ArrayList<>();
        List<String> memberLevels = new ArrayList<>();
        List<String> ruleTenants = new ArrayList<>();
        List<String> ruleTools = new ArrayList<>();
        List<String> ruleLevels = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            TenantEntry tenant = tenants.get(i);
            ids[i] = tenant.id();
            names[i] = tenant.displayName();
            urls[i] = tenant.backendUrl().toString();
            types[i] = tenant.backendType().value();
            enabled[i] = tenant.enabled();
            levels[i] = tenant.defaultToolLevel().value();
            fromAnnotations[i] = tenant.toolLevelsFromAnnotations();
            RateLimits limits = tenant.rateLimits();
            perUserRps[i] = rate(limits.perUser());
            perUserBurst[i] = burst(limits.perUser());
            tenantRps[i] = rate(limits.tenant());
            tenantBurst[i] = burst(limits.tenant());
            maxConcurrent[i] = limits.maxConcurrentCalls();
            maxResponseBytes[i] = limits.maxResponseBytes();
            for (Member member : tenant.members()) {
                memberTenants.add(tenant.id());
                memberEmails.add(member.email());
                memberLevels.add(member.accessLevel().value());
            }
            for (ToolRule rule : tenant.toolRules()) {
                ruleTenants.add(tenant.id());
                ruleTools.add(rule.tool());
                ruleLevels.add(rule.level().value());
            }
        }
        Counts counts = new Counts();
        counts.tenants = update(connection, UPSERT_TENANTS, text(connection, ids), text(connection, names),
                text(connection, urls), text(connection, types), connection.createArrayOf("boolean", enabled),
                text(connection, levels), connection.createArrayOf("boolean", fromAnnotations),
                connection.createArrayOf("integer", perUserRps), connection.createArrayOf("integer", perUserBurst),
                connection.createArrayOf("integer", tenantRps), connection.createArrayOf("integer", tenantBurst),
                connection.createArrayOf("integer", maxConcurrent), connection.createArrayOf("bigint", maxResponseBytes));
        counts.memberRows = memberTenants.size();
        counts.membersRemoved = update(connection, DELETE_OTHER_MEMBERS, text(connection, ids),
                text(connection, memberTenants), text(connection, memberEmails));
        counts.membersUpserted = update(connection, UPSERT_MEMBERS, text(connection, memberTenants),
                text(connection, memberEmails), text(connection, memberLevels));
        counts.ruleRows = ruleTenants.size();
        counts.rulesRemoved = update(connection, DELETE_OTHER_RULES, text(connection, ids),
                text(connection, ruleTenants), text(connection, ruleTools));
        counts.rulesUpserted = update(connection, UPSERT_RULES, text(connection, ruleTenants),
                text(connection, ruleTools), text(connection, ruleLevels));
        return counts;
    }

    private static Integer rate(Bucket bucket) {
        return bucket == null ? null : bucket.requestsPerSecond();
    }

    private static Integer burst(Bucket bucket) {
        return bucket == null ? null : bucket.burst();
    }

    private static java.sql.Array text(Connection connection, String[] values) throws SQLException {
        return connection.createArrayOf("text", values);
    }

    private static java.sql.Array text(Connection connection, List<String> values) throws SQLException {
        return connection.createArrayOf("text", values.toArray(String[]::new));
    }

    private static int update(Connection connection, String sql, java.sql.Array... arrays) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < arrays.length; i++) {
                statement.setArray(i + 1, arrays[i]);
            }
            return statement.executeUpdate();
        }
    }

    private static final class Counts {
        int tenants;
        int memberRows;
        int membersRemoved;
        int membersUpserted;
        int ruleRows;
        int rulesRemoved;
        int rulesUpserted;
    }
}
