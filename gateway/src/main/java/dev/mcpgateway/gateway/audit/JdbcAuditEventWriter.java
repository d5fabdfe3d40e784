package dev.mcpgateway.gateway.audit;

import java.io.IOException;
import java.io.StringReader;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.postgresql.PGConnection;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Stores audit events in {@code audit_event} with one {@code COPY ... FROM STDIN} per batch, in PostgreSQL's text
 * format. Against JDBC batches (even rewritten into multi-row INSERTs) it saves the per-parameter protocol work on
 * both sides: measured, the writer thread's CPU per event and PostgreSQL's both fell (BENCHMARKS.md).
 */
final class JdbcAuditEventWriter implements AuditEventWriter {

    private static final String COPY = """
            COPY audit_event (occurred_at, kind, user_email, user_id, tenant_id, tool, decision, status, reason,
                              latency_ms, chat_id, message_id, client, identified_by, outcome) FROM STDIN""";
    /** The {@code audit_event.outcome} of a call a limit refused; other calls have none. */
    static final String RATE_LIMITED = "rate_limited";

    private final JdbcTemplate jdbc;

    JdbcAuditEventWriter(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public void write(List<AuditEvent> batch) {
        String rows = rows(batch);
        jdbc.execute((ConnectionCallback<Long>) connection -> {
            try {
                return connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY, new StringReader(rows));
            } catch (IOException e) {
                throw new SQLException("could not send the audit batch", e);
            }
        });
    }

    /** The batch in COPY's text format: one line per event, a tab between columns, {@code \N} for null. */
    static String rows(List<AuditEvent> batch) {
        StringBuilder rows = new StringBuilder(batch.size() * 160);
        for (AuditEvent event : batch) {
            // ISO-8601 in UTC, to the microsecond timestamptz keeps.
            rows.append(event.occurredAt().truncatedTo(ChronoUnit.MICROS)).append("\tcall");
            column(rows, event.userEmail());
            column(rows, event.userId());
            column(rows, event.tenantId());
            column(rows, event.tool());
            column(rows, event.decision().value());
            column(rows, event.status());
            column(rows, event.reason());
            column(rows, event.latencyMs());
            column(rows, event.chatId());
            column(rows, event.messageId());
            column(rows, event.client());
            column(rows, event.identifiedBy());
            column(rows, event.rateLimited() ? RATE_LIMITED : null);
            rows.append('\n');
        }
        return rows.toString();
    }

    /**
     * A tab, then the value with COPY's text-format escapes (backslash, tab, newline, carriage return). A NUL, which
     * PostgreSQL text cannot hold and which would fail the whole batch, becomes U+FFFD.
     */
    private static void column(StringBuilder rows, Object value) {
        rows.append('\t');
        if (value == null) {
            rows.append("\\N");
            return;
        }
        String text = value.toString();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '\\' -> rows.append("\\\\");
                case '\t' -> rows.append("\\t");
                case '\n' -> rows.append("\\n");
                case '\r' -> rows.append("\\r");
                case '\u0000' -> rows.append('\uFFFD');
                default -> rows.append(c);
            }
        }
    }
}
