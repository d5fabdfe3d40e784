package dev.mcpgateway.admin.toolrule;

import dev.mcpgateway.db.TenancyWriter;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes {@code tool_rule}; writes go through the {@link TenancyWriter} the bootstrap file uses too. */
@Repository
class ToolRuleRepository {

    private final JdbcClient jdbc;
    private final JdbcTemplate writes;

    ToolRuleRepository(JdbcClient jdbc, JdbcTemplate writes) {
        this.jdbc = jdbc;
        this.writes = writes;
    }

    List<ToolRuleRow> list(String tenant) {
        return jdbc.sql("SELECT tool, level, updated_at FROM tool_rule WHERE tenant_id = ? ORDER BY tool")
                .param(tenant)
                .query((rs, row) -> new ToolRuleRow(rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()))
                .list();
    }

    Optional<String> level(String tenant, String tool) {
        return jdbc.sql("SELECT level FROM tool_rule WHERE tenant_id = ? AND tool = ?").params(tenant, tool)
                .query(String.class).optional();
    }

    /** Creates the rule, or sets the level of the existing one. */
    void put(String tenant, String tool, String level) {
        writes.execute((ConnectionCallback<Integer>) connection -> TenancyWriter.upsertRules(connection,
                List.of(new TenancyWriter.Rule(tenant, tool, level))));
    }

    boolean delete(String tenant, String tool) {
        return Boolean.TRUE.equals(writes.execute((ConnectionCallback<Boolean>) connection ->
                TenancyWriter.deleteRule(connection, tenant, tool)));
    }
}
