package dev.mcpgateway.gateway.limit;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Calls in flight per tenant on this replica: a bulkhead that refuses at once rather than queueing, so a hung tool
 * server holds at most the limit of our connections. A counter rather than a {@code Semaphore}, so a changed limit
 * applies to the next call without replacing anything.
 */
class ConcurrentCalls {

    private final RateLimitMetrics metrics;
    private final Map<String, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    ConcurrentCalls(RateLimitMetrics metrics) {
        this.metrics = metrics;
    }

    /** A permit for one more call to {@code tenantId}, or {@code null} when {@code max} (0 = unlimited) are in flight. */
    ToolCallPermit tryAcquire(String tenantId, int max) {
        AtomicInteger calls = inFlight.computeIfAbsent(tenantId, this::newCounter);
        int now = calls.incrementAndGet();
        if (max > 0 && now > max) {
            calls.decrementAndGet();
            return null;
        }
        return new ToolCallPermit(calls);
    }

    /** Calls in flight to {@code tenantId} now. */
    int inFlight(String tenantId) {
        AtomicInteger calls = inFlight.get(tenantId);
        return calls == null ? 0 : calls.get();
    }

    private AtomicInteger newCounter(String tenantId) {
        AtomicInteger counter = new AtomicInteger();
        metrics.inFlight(tenantId, counter);
        return counter;
    }
}
