package dev.mcpgateway.gateway.audit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.InitializingBean;

/**
 * The asynchronous audit trail. {@link #record} only offers the event to a bounded buffer and returns: when the
 * buffer is full the event is dropped and counted ({@code mcpgateway.audit.dropped}), so the request path never
 * waits for Postgres. One writer thread stores the buffer in batches every flush interval, as soon as a full batch is
 * waiting (so a busy gateway does not fill the buffer between flushes), and once more on shutdown.
 * A batch the database refuses is counted ({@code mcpgateway.audit.failed}) and logged, not retried.
 */
public class AuditLog implements InitializingBean, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(AuditLog.class);

    private final BlockingQueue<AuditEvent> buffer;
    private final int batchSize;
    private final Duration flushInterval;
    private final AuditEventWriter writer;
    private final Counter dropped;
    private final Counter written;
    private final Counter failed;
    private final AtomicBoolean flushRequested = new AtomicBoolean();
    private volatile ScheduledExecutorService flusher;

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
                .description("audit events lost because the database refused their batch").register(meters);
        meters.gauge("mcpgateway.audit.buffered", buffer, BlockingQueue::size);
    }

    /** Queues {@code event} for storage; never blocks. Returns false when the buffer was full and it was dropped. */
    public boolean record(AuditEvent event) {
        if (!buffer.offer(event)) {
            dropped.increment();
            return false;
        }
        if (buffer.size() >= batchSize) {
            requestFlush();
        }
        return true;
    }

    private void requestFlush() {
        ScheduledExecutorService writer = flusher;
        if (writer != null && flushRequested.compareAndSet(false, true)) {
            try {
                writer.execute(() -> {
                    flushRequested.set(false);
                    flush();
                });
            } catch (RejectedExecutionException shuttingDown) {
                flushRequested.set(false); // destroy() stores what is left
            }
        }
    }

    /** Events recorded but not yet stored. */
    int buffered() {
        return buffer.size();
    }

    @Override
    public void afterPropertiesSet() {
        flusher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "audit-writer");
            thread.setDaemon(true);
            return thread;
        });
        long millis = flushInterval.toMillis();
        flusher.scheduleWithFixedDelay(this::flush, millis, millis, TimeUnit.MILLISECONDS);
    }

    /** Stores everything buffered, in batches of at most batch-size. */
    synchronized void flush() {
        List<AuditEvent> batch = new ArrayList<>(batchSize);
        while (buffer.drainTo(batch, batchSize) > 0) {
            try {
                writer.write(batch);
                written.increment(batch.size());
            } catch (RuntimeException e) {
                failed.increment(batch.size());
                log.warn("Could not store {} audit events: {}", batch.size(), e.getMessage());
            }
            batch = new ArrayList<>(batchSize);
        }
    }

    /** Runs after the web server has stopped taking requests: stores what is left. */
    @Override
    public void destroy() throws InterruptedException {
        if (flusher != null) {
            flusher.shutdown();
            flusher.awaitTermination(10, TimeUnit.SECONDS);
        }
        flush();
    }
}
