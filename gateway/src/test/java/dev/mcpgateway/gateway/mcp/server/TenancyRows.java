package dev.mcpgateway.gateway.mcp.server;

import dev.mcpgateway.gateway.directory.TenantDirectory;
import dev.mcpgateway.testing.TestPostgres;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Writes tenants, members and tool rules into the shared database with plain SQL, as any writer (tenant-admin,
 * psql) would; the gateways pick them up through LISTEN/NOTIFY or when they start.
 */
public final class TenancyRows {

    private final JdbcTemplate sql;

    public TenancyRows(String databaseUrl) {
        this.sql = new JdbcTemplate(TestPostgres.dataSource(databaseUrl));
    }

    public TenancyRows tenant(String id, String displayName, String backendUrl, String backendType,
                       boolean toolLevelsFromAnnotations) {
        sql.update("INSERT INTO tenant (id, display_name, backend_url, backend_type, tool_levels_from_annotations)"
                + " VALUES (?, ?, ?, ?, ?)", id, displayName, backendUrl, backendType, toolLevelsFromAnnotations);
        return this;
    }

    public TenancyRows member(String tenant, String email, String level) {
        sql.update("INSERT INTO tenant_member (tenant_id, email, access_level) VALUES (?, ?, ?)", tenant, email, level);
        return this;
    }

    public TenancyRows rule(String tenant, String tool, String level) {
        sql.update("INSERT INTO tool_rule (tenant_id, tool, level) VALUES (?, ?, ?)", tenant, tool, level);
        return this;
    }

    public JdbcTemplate sql() {
        return sql;
    }

    /** Waits (bounded) until {@code gateway} knows {@code email} as a member of {@code tenant}. */
    public static void awaitMembership(GatewayInstance gateway, String email, String tenant) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                gateway.bean(TenantDirectory.class).current().levelOf(email, tenant) != null);
    }
}
