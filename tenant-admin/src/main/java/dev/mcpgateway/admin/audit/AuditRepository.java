package dev.mcpgateway.admin.audit;

import dev.mcpgateway.admin.system.Page;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Reads {@code audit_event}, newest first, with the log screen's filters. */
@Repository
class AuditRepository {

    private final JdbcClient jdbc;

    AuditRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Page<AuditEvent> search(AuditFilter filter, int page, int size) {
        List<String> conditions = new ArrayList<>();
        Map<String, Object> params = new LinkedHashMap<>();
        if (!filter.getTenant().isEmpty()) {
            conditions.add("tenant_id = :tenant");
            params.put("tenant", filter.getTenant());
        }
        if (!filter.getUser().isEmpty()) {
            conditions.add("lower(user_email) = lower(:user)");
            params.put("user", filter.getUser());
        }
        if (!filter.getTool().isEmpty()) {
            conditions.add("tool = :tool");
            params.put("tool", filter.getTool());
        }
        if (!filter.getDecision().isEmpty()) {
            conditions.add("decision = :decision");
            params.put("decision", filter.getDecision());
        }
        if (!filter.getOutcome().isEmpty()) {
            conditions.add("outcome = :outcome");
            params.put("outcome", filter.getOutcome());
        }
        if (filter.getFrom() != null) {
            conditions.add("occurred_at >= :from");
            params.put("from", Timestamp.from(filter.getFrom().toInstant(ZoneOffset.UTC)));
        }
        if (filter.getTo() != null) {
            conditions.add("occurred_at < :to");
            params.put("to", Timestamp.from(filter.getTo().toInstant(ZoneOffset.UTC)));
        }
        String where = conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions);
        long total = jdbc.sql("SELECT count(*) FROM audit_event" + where).params(params).query(Long.class).single();
        List<AuditEvent> items = jdbc.sql("""
                        SELECT id, occurred_at, kind, user_email, tenant_id, tool, decision, status, reason, latency_ms,
                               client, action, detail, outcome, identified_by
                        FROM audit_event""" + where + " ORDER BY occurred_at DESC, id DESC LIMIT :limit OFFSET :offset")
                .params(params).param("limit", size).param("offset", (long) page * size)
                .query(AuditRepository::map).list();
        return new Page<>(items, page, size, total);
    }

    private static AuditEvent map(ResultSet rs, int row) throws SQLException {
        return new AuditEvent(rs.getLong("id"), rs.getTimestamp("occurred_at").toInstant(), rs.getString("kind"),
                rs.getString("user_email"), rs.getString("tenant_id"), rs.getString("tool"), rs.getString("decision"),
                (Integer) rs.getObject("status"), rs.getString("reason"), (Integer) rs.getObject("latency_ms"),
                rs.getString("client"), rs.getString("action"), rs.getString("detail"),
                rs.getString("outcome"), rs.getString("identified_by"));
    }
}
