package dev.mcpgateway.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.function.BooleanSupplier;

/** Waits, with a bound, for something started as a separate server to answer. */
final class Await {

    private static final Duration INTERVAL = Duration.ofMillis(250);

    private Await() {
    }

    /** True as soon as {@code condition} holds; false when {@code limit} has passed first. */
    static boolean until(Duration limit, BooleanSupplier condition) throws InterruptedException {
        Instant deadline = Instant.now().plus(limit);
        while (Instant.now().isBefore(deadline)) {
            if (condition.getAsBoolean()) {
                return true;
            }
            Thread.sleep(INTERVAL.toMillis());
        }
        return condition.getAsBoolean();
    }
}
