package dev.mcpgateway.gateway.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * The asynchronous audit trail. {@link #record} only offers the event to a bounded buffer and returns: when the
 * buffer is full the event is dropped and counted ({@code mcpgateway.audit.dropped}), so the request path never
 * waits for Postgres. One writer thread sends what is buffered every {@link #SEND_INTERVAL} into an open transaction
 * and commits it once it holds batch-size events or is flush-interval old, and stores what is left on shutdown.
 * PostgreSQL thus stores the events as they come instead of a whole batch at once: on a machine it shares with the
 * gateway, each batch of 2,000 used to take a core for tens of milliseconds, which callers saw as latency
 * (BENCHMARKS.md), while a transaction per batch still costs what it did. A transaction the database refuses is
 * counted ({@code mcpgateway.audit.failed}) and logged, not retried.
 */
public class AuditLog implements InitializingBean, DisposableBean {

    /** How often buffered events are sent into the open transaction (at most the flush interval). */
    static final Duration SEND_INTERVAL = Duration.ofMillis(50);

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final BlockingQueue<AuditEvent> buffer;
    private final int batchSize;
    private final Duration flushInterval;
    private final AuditEventWriter writer;
    private final Counter dropped;
    private final Counter written;
    private final Counter failed;
    private volatile ScheduledExecutorService sender;
    /** The open transaction (none: {@code sent} is 0), the events sent into it, and when it began. */
    private AuditEventWriter.Transaction open;
    private int sent;
    private long openedAt;

    AuditLog(int bufferSize, int batchSize, Duration flushInterval, AuditEventWriter writer, MeterRegistry meters) {
        if (bufferSize < 1 || batchSize < 1 || flushInterval.isNegative() || flushInterval.isZero()) {
            throw new IllegalArgumentException("mcpgateway.audit: buffer-size and batch-size must be positive, flush-interval > 0");
        }
        this.buffer = new LinkedBlockingQueue<>(bufferSize);
        this.batchSize = batchSize;
        this.flushInterval = flushInterval;
        this.writer = writer;
        this.dropped = Counter.builder("mcpgateway.audit.dropped")
                .description("audit events dropped because the buffer was full").register(meters);
        this.written = Counter.builder("mcpgateway.audit.written")
                .description("audit events stored").register(meters);
        this.failed = Counter.builder("mcpgateway.audit.failed")
                .description("audit events lost because the database refused their transaction").register(meters);
        meters.gauge("mcpgateway.audit.buffered", buffer, BlockingQueue::size);
    }

    /** Queues {@code event} for storage; never blocks. Returns false when the buffer was full and it was dropped. */
    public boolean record(AuditEvent event) {
        if (!buffer.offer(event)) {
            dropped.increment();
            return false;
        }
        return true;
    }

    /** Events recorded but not yet sent to the database. */
    int buffered() {
        return buffer.size();
    }

    @Override
    public void afterPropertiesSet() {
        sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "audit-writer");
            thread.setDaemon(true);
            return thread;
        });
        long millis = Math.min(SEND_INTERVAL.toMillis(), flushInterval.toMillis());
        sender.scheduleWithFixedDelay(this::send, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Sends what is buffered; commits the open transaction once it holds batch-size events or is flush-interval old. */
    synchronized void send() {
        sendBuffered();
        if (open != null && System.nanoTime() - openedAt >= flushInterval.toNanos()) {
            commit();
        }
    }

    /** Stores everything buffered now, in transactions of at most batch-size events. */
    synchronized void flush() {
        sendBuffered();
        commit();
    }

    private void sendBuffered() {
        List<AuditEvent> events = new ArrayList<>(Math.min(batchSize, buffer.size()));
        while (buffer.drainTo(events, batchSize - sent) > 0) {
            sendIntoOpenTransaction(events);
            if (sent >= batchSize) {
                commit();
            }
            events = new ArrayList<>(Math.min(batchSize, buffer.size()));
        }
    }

    private void sendIntoOpenTransaction(List<AuditEvent> events) {
        sent += events.size(); // the open transaction's from now on: stored or lost with it
        try {
            if (open == null) {
                open = writer.begin();
                openedAt = System.nanoTime();
            }
            open.send(events);
        } catch (RuntimeException e) {
            lose(e);
        }
    }

    private void commit() {
        if (open == null) {
            return;
        }
        try {
            open.commit();
            written.increment(sent);
            open = null;
            sent = 0;
        } catch (RuntimeException e) {
            lose(e);
        }
    }

    /** Counts what the failed transaction held as lost, and lets it go. */
    private void lose(RuntimeException e) {
        failed.increment(sent);
        log.warn("Could not store {} audit events: {}", sent, e.getMessage());
        if (open != null) {
            open.abandon();
        }
        open = null;
        sent = 0;
    }

    /** Runs after the web server has stopped taking requests: stores what is left. */
    @Override
    public void destroy() throws InterruptedException {
        if (sender != null) {
            sender.shutdown();
            sender.awaitTermination(10, TimeUnit.SECONDS);
        }
        flush();
    }
}
