package dev.mcpgateway.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.mcpgateway.testing.TestPostgres;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The writer against real PostgreSQL with the project's schema: what goes in comes out, whatever the text holds. */
class JdbcAuditEventWriterIntegrationTests {

    private static JdbcTemplate jdbc;
    private static JdbcAuditEventWriter writer;

    @BeforeAll
    static void migrate() {
        DataSource dataSource = TestPostgres.dataSource(TestPostgres.freshDatabaseUrl());
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
        writer = new JdbcAuditEventWriter(dataSource);
    }

    @Test
    void storesEveryColumnOfABatchExactlyWhateverItsTextHolds() {
        String awkward = "tab\there, line\nbreak, return\r, back\\slash, \\N, \\t, 'quoted', \"double\", ünïcødé, 東京";
        AuditEvent full = new AuditEvent(Instant.parse("2026-12-03T13:45:01.123456Z"), "john@company.com", "u-1",
                "google", "read_file", AuditEvent.Decision.ALLOW, 200, awkward, 17, "chat\t1", "msg\\1", "config-key-1",
                "openwebui-jwt", false);
        AuditEvent sparse = new AuditEvent(Instant.parse("2026-12-03T13:45:02Z"), null, null, null, null,
                AuditEvent.Decision.DENY, 429, null, null, null, null, null, "oidc", true);

        write(List.of(full, sparse));

        List<Map<String, Object>> rows = jdbc.queryForList("""
                SELECT extract(epoch FROM occurred_at) * 1000000 AS micros, kind, user_email, user_id, tenant_id, tool,
                       decision, status, reason, latency_ms, chat_id, message_id, client, identified_by, outcome
                FROM audit_event ORDER BY occurred_at""");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsEntry("kind", "call").containsEntry("user_email", "john@company.com")
                .containsEntry("user_id", "u-1").containsEntry("tenant_id", "google").containsEntry("tool", "read_file")
                .containsEntry("decision", "allow").containsEntry("status", 200).containsEntry("reason", awkward)
                .containsEntry("latency_ms", 17).containsEntry("chat_id", "chat\t1").containsEntry("message_id", "msg\\1")
                .containsEntry("client", "config-key-1").containsEntry("identified_by", "openwebui-jwt")
                .containsEntry("outcome", null);
        assertThat(((Number) rows.get(0).get("micros")).longValue()).isEqualTo(1796305501123456L);
        assertThat(rows.get(1)).containsEntry("kind", "call").containsEntry("decision", "deny")
                .containsEntry("user_email", null).containsEntry("status", 429).containsEntry("reason", null)
                .containsEntry("latency_ms", null).containsEntry("client", null).containsEntry("identified_by", "oidc")
                .containsEntry("outcome", "rate_limited");
    }

    @Test
    void keepsARowWhoseTextHoldsANulCharacterWhichPostgresTextCannotStore() {
        AuditEvent withNul = new AuditEvent(Instant.parse("2026-12-03T13:45:03Z"), "nul\u0000@company.com", null,
                "google", "read_file", AuditEvent.Decision.ALLOW, 200, "a\u0000b", 1, null, null, null, "oidc", false);
        AuditEvent next = new AuditEvent(Instant.parse("2026-12-03T13:45:04Z"), "john@company.com", null,
                "google", "read_file", AuditEvent.Decision.ALLOW, 200, null, 1, null, null, null, "oidc", false);

        write(List.of(withNul, next));

        List<Map<String, Object>> rows = jdbc.queryForList("SELECT user_email, reason FROM audit_event "
                + "WHERE occurred_at >= '2026-12-03T13:45:03Z' ORDER BY occurred_at");
        assertThat(rows).extracting(row -> row.get("user_email"), row -> row.get("reason")).containsExactly(
                tuple("nul\uFFFD@company.com", "a\uFFFDb"), tuple("john@company.com", null));
    }

    @Test
    void storesWhatWasSentInPartsOnlyOnCommitAndNothingOfAnAbandonedTransaction() {
        // A database of its own: the other tests read every row of theirs.
        DataSource dataSource = TestPostgres.dataSource(TestPostgres.freshDatabaseUrl());
        Flyway.configure().dataSource(dataSource).load().migrate();
        JdbcTemplate own = new JdbcTemplate(dataSource);
        JdbcAuditEventWriter ownWriter = new JdbcAuditEventWriter(dataSource);

        AuditEventWriter.Transaction stored = ownWriter.begin();
        stored.send(List.of(event("2026-12-03T14:00:01Z")));
        stored.send(List.of(event("2026-12-03T14:00:02Z"), event("2026-12-03T14:00:03Z")));
        assertThat(rows(own)).as("before the commit").isZero();
        stored.commit();
        assertThat(rows(own)).isEqualTo(3);

        AuditEventWriter.Transaction abandoned = ownWriter.begin();
        abandoned.send(List.of(event("2026-12-03T14:00:04Z")));
        abandoned.abandon();
        assertThat(rows(own)).isEqualTo(3);

        // Each transaction let its connection go: a new one still works.
        AuditEventWriter.Transaction after = ownWriter.begin();
        after.send(List.of(event("2026-12-03T14:00:05Z")));
        after.commit();
        assertThat(rows(own)).isEqualTo(4);
    }

    private static void write(List<AuditEvent> events) {
        AuditEventWriter.Transaction transaction = writer.begin();
        transaction.send(events);
        transaction.commit();
    }

    private static int rows(JdbcTemplate database) {
        return database.queryForObject("SELECT count(*) FROM audit_event", Integer.class);
    }

    private static AuditEvent event(String at) {
        return new AuditEvent(Instant.parse(at), "parts@company.com", null, "google", "read_file",
                AuditEvent.Decision.ALLOW, 200, null, 1, null, null, null, "oidc", false);
    }
}
