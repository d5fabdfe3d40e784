package dev.mcpgateway.gateway.limit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.mcpgateway.policy.RateLimits.Bucket;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Tokens this replica took from a shared (Redis) bucket ahead of use, so a fast bucket costs one store round trip per
 * {@value #LEASE_MILLIS} ms of its rate instead of one per call. A bucket refilling at 100 tokens/s or less is asked
 * for every call (lease of one). Leftover tokens expire after {@link #HOLD}, so N replicas never let through more than
 * the store gave them, and at most N leases (N % of a second's rate) more than the rate over any second.
 */
final class TokenLeases {

    static final long LEASE_MILLIS = 10;
    static final Duration HOLD = Duration.ofSeconds(1);
    private static final long MAX_KEYS = 200_000;

    private final Cache<String, AtomicInteger> leased;

    TokenLeases(Ticker ticker) {
        // Upkeep on the caller's thread, not a hand-off to the common pool every few calls.
        this.leased = Caffeine.newBuilder().executor(Runnable::run)
                .expireAfterWrite(HOLD).maximumSize(MAX_KEYS).ticker(ticker).build();
    }

    /** Tokens to ask the store for at once: {@value #LEASE_MILLIS} ms of the rate, at least one, at most the burst. */
    static int leaseSize(Bucket bucket) {
        long tokens = bucket.requestsPerSecond() * LEASE_MILLIS / 1000;
        return (int) Math.max(1, Math.min(tokens, bucket.burst()));
    }

    /** Takes one token leased earlier for {@code key}; false when none is left. */
    boolean takeLeased(String key) {
        AtomicInteger left = leased.getIfPresent(key);
        if (left == null) {
            return false;
        }
        int tokens;
        do {
            tokens = left.get();
            if (tokens <= 0) {
                return false;
            }
        } while (!left.compareAndSet(tokens, tokens - 1));
        return true;
    }

    /** Keeps {@code tokens} the store gave beyond the one used now. */
    void keep(String key, int tokens) {
        if (tokens > 0) {
            leased.asMap().merge(key, new AtomicInteger(tokens), (held, more) -> {
                held.addAndGet(more.get());
                return held;
            });
        }
    }
}
