package dev.mcpgateway.gateway.bootstrap;

import dev.mcpgateway.gateway.bootstrap.BootstrapFile.Member;
import dev.mcpgateway.gateway.bootstrap.BootstrapFile.TenantEntry;
import dev.mcpgateway.db.TenancyWriter;
import dev.mcpgateway.gateway.config.GatewayProperties;
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
 * updated, and the members and tool rules of each listed tenant become exactly those of the file; tenants the file
 * does not list are left alone. One transaction, one statement per table and kind of change (rows travel as
 * arrays; members and rules through the {@link TenancyWriter} tenant-admin uses too), so a file of 10,000 tenants
 * applies in seconds and a failure changes nothing.
 */
@Component
class BootstrapFileApplier implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(BootstrapFileApplier.class);

    private static final String UPSERT_TENANTS = """
            INSERT INTO tenant (id, display_name, backend_url, backend_type, enabled, default_tool_level,
                                tool_levels_from_annotations)
            SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::text[], ?::boolean[], ?::text[], ?::boolean[])
            ON CONFLICT (id) DO UPDATE SET display_name = EXCLUDED.display_name, backend_url = EXCLUDED.backend_url,
                backend_type = EXCLUDED.backend_type, enabled = EXCLUDED.enabled,
                default_tool_level = EXCLUDED.default_tool_level,
                tool_levels_from_annotations = EXCLUDED.tool_levels_from_annotations
            WHERE (tenant.display_name, tenant.backend_url, tenant.backend_type, tenant.enabled, tenant.default_tool_level,
                   tenant.tool_levels_from_annotations)
                IS DISTINCT FROM (EXCLUDED.display_name, EXCLUDED.backend_url, EXCLUDED.backend_type, EXCLUDED.enabled,
                EXCLUDED.default_tool_level, EXCLUDED.tool_levels_from_annotations)""";

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
        List<TenancyWriter.Member> members = new ArrayList<>();
        List<TenancyWriter.Rule> rules = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            TenantEntry tenant = tenants.get(i);
            ids[i] = tenant.id();
            names[i] = tenant.displayName();
            urls[i] = tenant.backendUrl().toString();
            types[i] = tenant.backendType().value();
            enabled[i] = tenant.enabled();
            levels[i] = tenant.defaultToolLevel().value();
            fromAnnotations[i] = tenant.toolLevelsFromAnnotations();
            for (Member member : tenant.members()) {
                members.add(new TenancyWriter.Member(tenant.id(), member.email(), member.accessLevel().value()));
            }
            for (ToolRule rule : tenant.toolRules()) {
                rules.add(new TenancyWriter.Rule(tenant.id(), rule.tool(), rule.level().value()));
            }
        }
        Counts counts = new Counts();
        counts.tenants = update(connection, UPSERT_TENANTS, text(connection, ids), text(connection, names),
                text(connection, urls), text(connection, types), connection.createArrayOf("boolean", enabled),
                text(connection, levels), connection.createArrayOf("boolean", fromAnnotations));
        List<String> tenantIds = List.of(ids);
        counts.memberRows = members.size();
        counts.membersRemoved = TenancyWriter.deleteMembersNotListed(connection, tenantIds, members);
        counts.membersUpserted = TenancyWriter.upsertMembers(connection, members);
        counts.ruleRows = rules.size();
        counts.rulesRemoved = TenancyWriter.deleteRulesNotListed(connection, tenantIds, rules);
        counts.rulesUpserted = TenancyWriter.upsertRules(connection, rules);
        return counts;
    }

    private static java.sql.Array text(Connection connection, String[] values) throws SQLException {
        return connection.createArrayOf("text", values);
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
