package dev.mcpgateway.gateway.limit;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import reactor.core.publisher.Mono;

/** The configuration half of SCG's {@link RateLimiter} contract, for test stores that only differ in how they answer. */
abstract class StoreStandIn implements RateLimiter<RedisRateLimiter.Config> {

    private final Map<String, RedisRateLimiter.Config> config;

    StoreStandIn() {
        this(new HashMap<>());
    }

    StoreStandIn(Map<String, RedisRateLimiter.Config> config) {
        this.config = config;
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

    /**
     * Token buckets as the Redis store uses them (leases of fast buckets), whose store holds real token buckets
     * (SCG's limiter contract, in process) and counts the round trips it stands for.
     */
    static TokenBuckets sharedStore(Ticker ticker, AtomicInteger storeCalls, RateLimitMetrics metrics) {
        return new TokenBuckets(bucket -> {
            InMemoryRateLimiter store = new InMemoryRateLimiter(Duration.ofMinutes(1), ticker);
            for (String route : List.of(TokenBuckets.ROUTE, TokenBuckets.LEASE_ROUTE)) {
                store.getConfig().put(route, store.newConfig().setReplenishRate(bucket.requestsPerSecond())
                        .setBurstCapacity(bucket.burst()).setRequestedTokens(
                                route.equals(TokenBuckets.ROUTE) ? 1 : TokenLeases.leaseSize(bucket)));
            }
            return new CountingStore(store, storeCalls);
        }, Duration.ofSeconds(5), metrics, false, new TokenLeases(ticker));
    }

    /** Counts each question to the store it stands for. */
    private static final class CountingStore extends StoreStandIn {

        private final InMemoryRateLimiter store;
        private final AtomicInteger calls;

        CountingStore(InMemoryRateLimiter store, AtomicInteger calls) {
            super(store.getConfig());
            this.store = store;
            this.calls = calls;
        }

        @Override
        public Mono<Response> isAllowed(String routeId, String id) {
            calls.incrementAndGet();
            return store.isAllowed(routeId, id);
        }
    }
}
