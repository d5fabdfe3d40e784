package dev.mcpgateway.admin.toolrule;

import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads and writes {@code tool_rule}. */
@Repository
class ToolRuleRepository {

    private final JdbcClient jdbc;

    ToolRuleRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    void insert(String tenant, String tool, String level) {
        jdbc.sql("INSERT INTO tool_rule (tenant_id, tool, level) VALUES (?, ?, ?)").params(tenant, tool, level).update();
    }

    void update(String tenant, String tool, String level) {
        jdbc.sql("UPDATE tool_rule SET level = ? WHERE tenant_id = ? AND tool = ?").params(level, tenant, tool).update();
    }

    boolean delete(String tenant, String tool) {
        return jdbc.sql("DELETE FROM tool_rule WHERE tenant_id = ? AND tool = ?").params(tenant, tool).update() > 0;
    }
}
