package dev.mcpgateway.gateway.audit;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Inserts audit events into {@code audit_event} with one JDBC batch per call. */
final class JdbcAuditEventWriter implements AuditEventWriter {

    private static final String INSERT = """
            INSERT INTO audit_event (occurred_at, kind, user_email, user_id, tenant_id, tool, decision, status, reason,
                                     latency_ms, chat_id, message_id, client)
            VALUES (?, 'call', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";

    private final JdbcTemplate jdbc;

    JdbcAuditEventWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void write(List<AuditEvent> batch) {
        jdbc.batchUpdate(INSERT, batch, batch.size(), JdbcAuditEventWriter::bind);
    }

    private static void bind(PreparedStatement insert, AuditEvent event) throws SQLException {
        insert.setObject(1, OffsetDateTime.ofInstant(event.occurredAt(), ZoneOffset.UTC));
        insert.setString(2, event.userEmail());
        insert.setString(3, event.userId());
        insert.setString(4, event.tenantId());
        insert.setString(5, event.tool());
        insert.setString(6, event.decision().value());
        setInteger(insert, 7, event.status());
        insert.setString(8, event.reason());
        setInteger(insert, 9, event.latencyMs());
        insert.setString(10, event.chatId());
        insert.setString(11, event.messageId());
        insert.setString(12, event.client());
    }

    private static void setInteger(PreparedStatement insert, int index, Integer value) throws SQLException {
        if (value == null) {
            insert.setNull(index, Types.INTEGER);
        } else {
            insert.setInt(index, value);
        }
    }
}
