package dev.mcpgateway.gateway.audit;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Stores audit events in {@code audit_event} with one {@code COPY ... FROM STDIN} per transaction, in PostgreSQL's
 * text format, the rows sent as they come. Against JDBC batches (even rewritten into multi-row INSERTs) it saves the
 * per-parameter protocol work on both sides: measured, the writer thread's CPU per event and PostgreSQL's both fell
 * (BENCHMARKS.md).
 */
final class JdbcAuditEventWriter implements AuditEventWriter {

    private static final String COPY = """
            COPY audit_event (occurred_at, kind, user_email, user_id, tenant_id, tool, decision, status, reason,
                              latency_ms, chat_id, message_id, client, identified_by, outcome) FROM STDIN""";
    /** The {@code audit_event.outcome} of a call a limit refused; other calls have none. */
    static final String RATE_LIMITED = "rate_limited";

    private final DataSource dataSource;

    JdbcAuditEventWriter(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public Transaction begin() {
        Connection connection;
        try {
            connection = dataSource.getConnection();
        } catch (SQLException e) {
            throw new IllegalStateException("no database connection: " + e.getMessage(), e);
        }
        try {
            return new CopyTransaction(connection, connection.unwrap(PGConnection.class).getCopyAPI().copyIn(COPY));
        } catch (SQLException e) {
            close(connection);
            throw new IllegalStateException("could not start the COPY: " + e.getMessage(), e);
        }
    }

    /** One {@code COPY}: rows sent with each {@link #send}, stored by {@link #commit}. */
    private static final class CopyTransaction implements Transaction {

        private final Connection connection;
        private final CopyIn copy;

        CopyTransaction(Connection connection, CopyIn copy) {
            this.connection = connection;
            this.copy = copy;
        }

        @Override
        public void send(List<AuditEvent> events) {
            byte[] bytes = rows(events).getBytes(StandardCharsets.UTF_8);
            try {
                copy.writeToCopy(bytes, 0, bytes.length);
                copy.flushCopy();
            } catch (SQLException e) {
                throw new IllegalStateException("could not send audit events: " + e.getMessage(), e);
            }
        }

        @Override
        public void commit() {
            try {
                copy.endCopy();
                if (!connection.getAutoCommit()) {
                    connection.commit();
                }
            } catch (SQLException e) {
                throw new IllegalStateException("could not store audit events: " + e.getMessage(), e);
            } finally {
                close(connection);
            }
        }

        @Override
        public void abandon() {
            try {
                if (copy.isActive()) {
                    copy.cancelCopy();
                }
            } catch (SQLException alreadyBroken) {
                // The connection is closed below either way; nothing was stored.
            } finally {
                close(connection);
            }
        }
    }

    private static void close(Connection connection) {
        try {
            connection.close();
        } catch (SQLException alreadyClosed) {
            // Back to the pool or gone: nothing left to do.
        }
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
