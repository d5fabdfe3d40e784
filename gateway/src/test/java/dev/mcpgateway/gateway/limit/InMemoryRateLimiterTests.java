package dev.mcpgateway.gateway.limit;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;

class InMemoryRateLimiterTests {

    private static final String ROUTE = "route";

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Ticker ticker = nanos::get;
    private InMemoryRateLimiter limiter;

    @BeforeEach
    void tenPerSecondBurstTwenty() {
        limiter = new InMemoryRateLimiter(Duration.ofSeconds(3), ticker);
        limiter.getConfig().put(ROUTE, limiter.newConfig().setReplenishRate(10).setBurstCapacity(20).setRequestedTokens(1));
    }

    @Test
    void allowsTheBurstAtOnceThenRefuses() {
        for (int call = 0; call < 20; call++) {
            assertThat(allowed("anna")).as("call %d", call).isTrue();
        }
        RateLimiter.Response refused = limiter.isAllowed(ROUTE, "anna").block();

        assertThat(refused.isAllowed()).isFalse();
        assertThat(refused.getHeaders()).containsEntry(RedisRateLimiter.REMAINING_HEADER, "0")
                .containsEntry(RedisRateLimiter.REPLENISH_RATE_HEADER, "10")
                .containsEntry(RedisRateLimiter.BURST_CAPACITY_HEADER, "20");
    }

    @Test
    void refillsAtTheConfiguredRate() {
        drain("anna");

        nanos.addAndGet(Duration.ofMillis(450).toNanos());
        int allowedAfterHalfASecond = 0;
        while (allowed("anna")) {
            allowedAfterHalfASecond++;
        }

        assertThat(allowedAfterHalfASecond).isEqualTo(4);
    }

    @Test
    void keepsOneBucketPerKey() {
        drain("anna");

        assertThat(allowed("bob")).isTrue();
        assertThat(allowed("anna")).isFalse();
    }

    @Test
    void forgetsKeysIdleForLongerThanAFullRefill() {
        drain("anna");
        nanos.addAndGet(Duration.ofSeconds(4).toNanos());

        assertThat(allowed("bob")).isTrue(); // any access lets the cache expire what is due
        assertThat(limiter.trackedKeys()).isEqualTo(1);
    }

    @Test
    void refusesARouteItWasNotConfiguredFor() {
        assertThat(limiter.isAllowed("other", "anna").onErrorResume(e -> reactor.core.publisher.Mono.empty())
                .blockOptional()).isEmpty();
    }

    private void drain(String key) {
        while (allowed(key)) {
            // take every token
        }
    }

    private boolean allowed(String key) {
        return limiter.isAllowed(ROUTE, key).block().isAllowed();
    }
}
