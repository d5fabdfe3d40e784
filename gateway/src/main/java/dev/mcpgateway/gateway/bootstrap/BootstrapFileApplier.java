package dev.mcpgateway.gateway.bootstrap;

import dev.mcpgateway.db.TenancyWriter;
import dev.mcpgateway.gateway.bootstrap.BootstrapFile.Member;
import dev.mcpgateway.gateway.bootstrap.BootstrapFile.TenantEntry;
import dev.mcpgateway.gateway.config.GatewayProperties;
import dev.mcpgateway.policy.RateLimits;
import dev.mcpgateway.policy.RateLimits.Bucket;
import dev.mcpgateway.policy.ToolRule;
import java.nio.file.Path;
import java.sql.Connection;
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
 * Applies {@code mcpgateway.bootstrap.file} at startup, before the directory's first load: listed tenants are created
 * or updated (no {@code rateLimit} block: the gateway's defaults) and get exactly the file's members and tool rules;
 * others are left alone. One transaction through the {@link TenancyWriter} tenant-admin uses too, so 10,000 tenants
 * apply in seconds and a failure changes nothing.
 */
@Component
class BootstrapFileApplier implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(BootstrapFileApplier.class);

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

    private static Counts write(Connection connection, List<TenantEntry> tenants) throws SQLException {
        List<TenancyWriter.TenantRow> rows = new ArrayList<>(tenants.size());
        List<String> tenantIds = new ArrayList<>(tenants.size());
        List<TenancyWriter.Member> members = new ArrayList<>();
        List<TenancyWriter.Rule> rules = new ArrayList<>();
        for (TenantEntry tenant : tenants) {
            rows.add(row(tenant));
            tenantIds.add(tenant.id());
            for (Member member : tenant.members()) {
                members.add(new TenancyWriter.Member(tenant.id(), member.email(), member.accessLevel().value()));
            }
            for (ToolRule rule : tenant.toolRules()) {
                rules.add(new TenancyWriter.Rule(tenant.id(), rule.tool(), rule.level().value()));
            }
        }
        Counts counts = new Counts();
        counts.tenants = TenancyWriter.upsertTenants(connection, rows);
        counts.memberRows = members.size();
        counts.membersRemoved = TenancyWriter.deleteMembersNotListed(connection, tenantIds, members);
        counts.membersUpserted = TenancyWriter.upsertMembers(connection, members);
        counts.ruleRows = rules.size();
        counts.rulesRemoved = TenancyWriter.deleteRulesNotListed(connection, tenantIds, rules);
        counts.rulesUpserted = TenancyWriter.upsertRules(connection, rules);
        return counts;
    }

    private static TenancyWriter.TenantRow row(TenantEntry tenant) {
        RateLimits limits = tenant.rateLimits();
        return new TenancyWriter.TenantRow(tenant.id(), tenant.displayName(), tenant.backendUrl().toString(),
                tenant.backendType().value(), tenant.enabled(), tenant.defaultToolLevel().value(),
                tenant.toolLevelsFromAnnotations(), rate(limits.perUser()), burst(limits.perUser()),
                rate(limits.tenant()), burst(limits.tenant()), limits.maxConcurrentCalls(), limits.maxResponseBytes());
    }

    private static Integer rate(Bucket bucket) {
        return bucket == null ? null : bucket.requestsPerSecond();
    }

    private static Integer burst(Bucket bucket) {
        return bucket == null ? null : bucket.burst();
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
