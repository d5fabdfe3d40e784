package dev.mcpgateway.gateway.limit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import reactor.core.publisher.Mono;

/**
 * A token bucket per key in this process, behind Spring Cloud Gateway's {@link RateLimiter} contract and
 * {@link RedisRateLimiter.Config}, answering with the same headers as {@link RedisRateLimiter}. Hand-written because
 * SCG ships no in-process limiter short of Bucket4j (two more dependencies for a few lines); a key idle for longer
 * than a full refill expires, since its bucket would be full again anyway. Refill is continuous (nanoseconds).
 */
class InMemoryRateLimiter implements RateLimiter<RedisRateLimiter.Config> {

    /** Bounds memory when very many distinct people call at once; an evicted person starts with a full bucket. */
    static final long MAX_KEYS = 200_000;

    private final Map<String, RedisRateLimiter.Config> config = new ConcurrentHashMap<>();
    private final Cache<String, TokenBucket> buckets;
    private final Ticker ticker;

    /** @param idleExpiry how long an untouched bucket is kept: at least the time it takes to refill completely */
    InMemoryRateLimiter(Duration idleExpiry, Ticker ticker) {
        this.ticker = ticker;
        // Upkeep on the caller's thread, not a hand-off to the common pool every few calls.
        this.buckets = Caffeine.newBuilder().executor(Runnable::run)
                .expireAfterAccess(idleExpiry).maximumSize(MAX_KEYS).ticker(ticker).build();
    }

    @Override
    public Mono<Response> isAllowed(String routeId, String id) {
        RedisRateLimiter.Config route = config.get(routeId);
        if (route == null) {
            return Mono.error(new IllegalArgumentException("No rate limit configuration for route " + routeId));
        }
        return Mono.fromSupplier(() -> take(route, id));
    }

    private Response take(RedisRateLimiter.Config route, String id) {
        TokenBucket bucket = buckets.get(id, key -> new TokenBucket(route.getBurstCapacity(), ticker.read()));
        long remaining = bucket.take(route.getRequestedTokens(), route.getReplenishRate(), route.getBurstCapacity(),
                ticker.read());
        boolean allowed = remaining >= 0;
        return new Response(allowed, Map.of(
                RedisRateLimiter.REMAINING_HEADER, Long.toString(allowed ? remaining : 0),
                RedisRateLimiter.REPLENISH_RATE_HEADER, Integer.toString(route.getReplenishRate()),
                RedisRateLimiter.BURST_CAPACITY_HEADER, Long.toString(route.getBurstCapacity()),
                RedisRateLimiter.REQUESTED_TOKENS_HEADER, Integer.toString(route.getRequestedTokens())));
    }

    /** Buckets held now (after expiring idle ones), to check that idle keys go away. */
    long trackedKeys() {
        buckets.cleanUp();
        return buckets.estimatedSize();
    }

    @Override
    public Map<String, RedisRateLimiter.Config> getConfig() {
        return config;
    }

    @Override
    public Class<RedisRateLimiter.Config> getConfigClass() {
        return RedisRateLimiter.Config.class;
    }

    @Override
    public RedisRateLimiter.Config newConfig() {
        return new RedisRateLimiter.Config();
    }

    /** Tokens as a fraction, refilled from the elapsed nanoseconds on every take. */
    private static final class TokenBucket {

        private double tokens;
        private long refilledAt;

        TokenBucket(long capacity, long now) {
            this.tokens = capacity;
            this.refilledAt = now;
        }

        /** Whole tokens left after taking {@code requested}, or -1 when there are not enough (nothing taken). */
        synchronized long take(int requested, int ratePerSecond, long capacity, long now) {
            tokens = Math.min(capacity, tokens + (now - refilledAt) * ratePerSecond / 1e9);
            refilledAt = now;
            if (tokens < requested) {
                return -1;
            }
            tokens -= requested;
            return (long) tokens;
        }
    }
}
