package dev.mcpgateway.gateway.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class AuditLogTests {

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    /** What each committed transaction stored. */
    private final List<List<AuditEvent>> batches = new CopyOnWriteArrayList<>();
    /** Every send, committed or not. */
    private final List<List<AuditEvent>> sends = new CopyOnWriteArrayList<>();
    private final AuditEventWriter writer = () -> new AuditEventWriter.Transaction() {
        private final List<AuditEvent> events = new ArrayList<>();

        @Override
        public void send(List<AuditEvent> sent) {
            if (sent.get(0).userEmail().equals("refused")) {
                throw new IllegalStateException("database refused the row");
            }
            sends.add(List.copyOf(sent));
            events.addAll(sent);
        }

        @Override
        public void commit() {
            batches.add(List.copyOf(events));
        }

        @Override
        public void abandon() {
            events.clear();
        }
    };

    @Test
    void dropsAndCountsEventsWhenTheBufferIsFullInsteadOfBlocking() {
        AuditLog log = new AuditLog(2, 10, Duration.ofHours(1), writer, meters);

        assertThat(log.record(event("a"))).isTrue();
        assertThat(log.record(event("b"))).isTrue();
        assertThat(log.record(event("c"))).isFalse();
        assertThat(log.record(event("d"))).isFalse();

        assertThat(meters.counter("mcpgateway.audit.dropped").count()).isEqualTo(2.0);
        assertThat(log.buffered()).isEqualTo(2);
    }

    @Test
    void writesBufferedEventsInBatchesOfAtMostBatchSize() {
        AuditLog log = new AuditLog(100, 3, Duration.ofHours(1), writer, meters);
        for (int i = 0; i < 7; i++) {
            log.record(event("user" + i));
        }

        log.flush();

        assertThat(batches).extracting(List::size).containsExactly(3, 3, 1);
        assertThat(batches.get(2).get(0).userEmail()).isEqualTo("user6");
        assertThat(meters.counter("mcpgateway.audit.written").count()).isEqualTo(7.0);
        assertThat(log.buffered()).isZero();
    }

    @Test
    void countsEveryEventOfATransactionTheDatabaseRefusesAndKeepsGoing() {
        AuditLog log = new AuditLog(100, 3, Duration.ofHours(1), writer, meters);
        log.record(event("user0"));
        log.record(event("user1"));
        log.send();
        log.record(event("refused"));
        log.record(event("user3"));

        log.flush();

        assertThat(meters.counter("mcpgateway.audit.failed").count()).isEqualTo(3.0);
        assertThat(batches).singleElement().satisfies(batch ->
                assertThat(batch).extracting(AuditEvent::userEmail).containsExactly("user3"));
        assertThat(meters.counter("mcpgateway.audit.written").count()).isEqualTo(1.0);
    }

    @Test
    void sendsEventsAsTheyComeAndCommitsOnceTheFlushIntervalHasPassed() {
        long started = System.nanoTime();
        AuditLog log = new AuditLog(100, 50, Duration.ofSeconds(1), writer, meters);
        log.record(event("first"));
        log.send();
        log.record(event("second"));
        log.send();

        assertThat(sends).extracting(List::size).containsExactly(1, 1);
        assertThat(batches).isEmpty();
        assertThat(log.buffered()).isZero();

        // What the writer thread does every tick, until the transaction is old enough to commit.
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50)).until(() -> {
            log.send();
            return !batches.isEmpty();
        });

        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        assertThat(batches).singleElement().satisfies(batch ->
                assertThat(batch).extracting(AuditEvent::userEmail).containsExactly("first", "second"));
        assertThat(meters.counter("mcpgateway.audit.written").count()).isEqualTo(2.0);
    }

    @Test
    void commitsAFullBatchWithoutWaitingForTheFlushInterval() throws InterruptedException {
        AuditLog log = new AuditLog(100, 2, Duration.ofHours(1), writer, meters);
        log.afterPropertiesSet();
        try {
            log.record(event("first"));
            log.record(event("second"));

            await().atMost(Duration.ofSeconds(10)).until(() -> batches.size() == 1);
            assertThat(batches.get(0)).extracting(AuditEvent::userEmail).containsExactly("first", "second");
        } finally {
            log.destroy();
        }
    }

    @Test
    void storesWhatIsLeftOnShutdown() throws InterruptedException {
        AuditLog log = new AuditLog(100, 50, Duration.ofHours(1), writer, meters);
        log.afterPropertiesSet();
        log.record(event("late"));

        log.destroy();

        assertThat(batches).hasSize(1);
        assertThat(batches.get(0).get(0).userEmail()).isEqualTo("late");
    }

    @Test
    void cutsOverlongTextSoOneCallerCannotBloatTheTable() {
        AuditEvent event = new AuditEvent(Instant.now(), "u@x", null, "google", "t".repeat(5000),
                AuditEvent.Decision.DENY, 404, null, 1, "c".repeat(600), null, null, null, false);

        assertThat(event.tool()).hasSize(AuditEvent.MAX_TEXT);
        assertThat(event.chatId()).hasSize(AuditEvent.MAX_TEXT);
    }

    private static AuditEvent event(String user) {
        return new AuditEvent(Instant.now(), user, "id-" + user, "google", "read_file", AuditEvent.Decision.ALLOW,
                200, "allowed", 3, "chat", "message", "openwebui", "openwebui-jwt", false);
    }
}
