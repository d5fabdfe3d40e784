package dev.mcpgateway.gateway.limit;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One call's place among the calls in flight to a tenant. {@link #release()} may be called any number of times
 * (completion, error and cancellation can all reach it); only the first frees the place.
 */
public final class ToolCallPermit {

    private final AtomicInteger inFlight;
    private final AtomicBoolean released = new AtomicBoolean();

    ToolCallPermit(AtomicInteger inFlight) {
        this.inFlight = inFlight;
    }

    public void release() {
        if (released.compareAndSet(false, true)) {
            inFlight.decrementAndGet();
        }
    }
}
