package dev.mcpgateway.gateway.audit;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/** Inserts audit events into {@code audit_event} with one JDBC batch per call. */
final class JdbcAuditEventWriter implements AuditEventWriter {

    private static final String INSERT = """
            INSERT INTO audit_event (occurred_at, kind, user_email, user_id, tenant_id, tool, decision, status, reason,
                                     latency_ms, chat_id, message_id, client, identified_by, outcome)
            VALUES (?, 'call', ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""";
    /** The {@code audit_event.outcome} of a call a limit refused; other calls have none. */
    static final String RATE_LIMITED = "rate_limited";

    private final JdbcTemplate jdbc;

    JdbcAuditEventWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void write(List<AuditEvent> batch) {
        jdbc.batchUpdate(INSERT, batch, batch.size(), JdbcAuditEventWriter::bind);
    }

    private static void bind(PreparedStatement insert, AuditEvent event) throws SQLException {
        insert.setObject(1, utc(event.occurredAt()));
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
        insert.setString(13, event.identifiedBy());
        insert.setString(14, event.rateLimited() ? RATE_LIMITED : null);
    }

    /**
     * The instant in UTC, built without {@code OffsetDateTime.ofInstant}, which on JDK 17 creates a new
     * {@code ZoneRules} per call (0.7 % of the gateway's CPU samples under load, BENCHMARKS.md).
     */
    static OffsetDateTime utc(Instant instant) {
        return OffsetDateTime.of(LocalDateTime.ofEpochSecond(instant.getEpochSecond(), instant.getNano(), ZoneOffset.UTC),
                ZoneOffset.UTC);
    }

    private static void setInteger(PreparedStatement insert, int index, Integer value) throws SQLException {
        if (value == null) {
            insert.setNull(index, Types.INTEGER);
        } else {
            insert.setInt(index, value);
        }
    }
}
