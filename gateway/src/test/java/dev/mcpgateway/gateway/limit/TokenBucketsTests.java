package dev.mcpgateway.gateway.limit;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.mcpgateway.policy.RateLimits.Bucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.DefaultEventLoop;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

class TokenBucketsTests {

    private final DefaultEventLoop requestLoop = new DefaultEventLoop();
    private final Scheduler storeThread = Schedulers.newSingle("store-io");
    private final RateLimitMetrics metrics = new RateLimitMetrics(new SimpleMeterRegistry());
    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final Ticker ticker = nanos::get;
    private final AtomicInteger storeCalls = new AtomicInteger();

    @AfterEach
    void stop() {
        requestLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        storeThread.dispose();
    }

    @Test
    void continuesAStoresAnswerOnTheEventLoopOfTheRequestThatAsked() throws Exception {
        TokenBuckets buckets = new TokenBuckets(bucket -> new AnswersOnItsOwnThread(storeThread), Duration.ofSeconds(5),
                metrics, false, new TokenLeases(ticker));

        assertThat(threadThatSeesTheAnswer(buckets)).isNotEqualTo("store-io")
                .isEqualTo(requestLoop.submit(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS));
    }

    @Test
    void leavesAnInProcessAnswerWhereItIsBecauseItNeverLeftTheCallersThread() throws Exception {
        TokenBuckets buckets = new TokenBuckets(bucket -> new AnswersOnItsOwnThread(storeThread), Duration.ofSeconds(5),
                metrics, false, null);

        assertThat(threadThatSeesTheAnswer(buckets)).startsWith("store-io");
    }

    @Test
    void takesTenMillisecondsOfAFastSharedBucketAtOnceSoMostCallsNeedNoStoreRoundTrip() {
        TokenBuckets buckets = sharedStore();
        Bucket fast = new Bucket(1000, 1000);

        for (int call = 0; call < 25; call++) {
            assertThat(buckets.take("mcpgateway:google:tenant", fast).block()).isEqualTo(TokenBuckets.Answer.ALLOWED);
        }

        assertThat(TokenLeases.leaseSize(fast)).isEqualTo(10);
        assertThat(storeCalls).hasValue(3);
    }

    @Test
    void asksTheStoreOnEveryCallOfABucketOfAHundredCallsASecondOrLess() {
        TokenBuckets buckets = sharedStore();

        for (int call = 0; call < 20; call++) {
            buckets.take("mcpgateway:google:user:john@company.com", new Bucket(100, 200)).block();
        }

        assertThat(storeCalls).hasValue(20);
    }

    @Test
    void neverLetsThroughMoreThanTheSharedBucketGaveAndStillGrantsItsLastTokensOneByOne() {
        TokenBuckets buckets = sharedStore();
        Bucket fast = new Bucket(1000, 1015);
        int allowed = 0;

        for (int call = 0; call < 1100; call++) {
            allowed += buckets.take("mcpgateway:google:tenant", fast).block() == TokenBuckets.Answer.ALLOWED ? 1 : 0;
        }

        assertThat(allowed).isEqualTo(1015);
    }

    @Test
    void forgetsLeftoverLeasedTokensAfterASecondSoTheyCannotAddToALaterSecond() {
        TokenBuckets buckets = sharedStore();
        Bucket fast = new Bucket(1000, 1000);
        buckets.take("mcpgateway:google:tenant", fast).block();

        nanos.addAndGet(TokenLeases.HOLD.toNanos() + 1);
        buckets.take("mcpgateway:google:tenant", fast).block();

        assertThat(storeCalls).hasValue(2);
    }

    private TokenBuckets sharedStore() {
        return StoreStandIn.sharedStore(ticker, storeCalls, metrics);
    }

    private String threadThatSeesTheAnswer(TokenBuckets buckets) throws Exception {
        CompletableFuture<String> thread = new CompletableFuture<>();
        requestLoop.execute(() -> buckets.take("mcpgateway:google:user:john@company.com", new Bucket(10, 10))
                .subscribe(answer -> thread.complete(answer == TokenBuckets.Answer.ALLOWED
                        ? Thread.currentThread().getName() : "not allowed: " + answer), thread::completeExceptionally));
        return thread.get(5, TimeUnit.SECONDS);
    }

    /** Like Lettuce: the answer arrives on the store client's own I/O thread. */
    private static final class AnswersOnItsOwnThread extends StoreStandIn {

        private final Scheduler thread;

        AnswersOnItsOwnThread(Scheduler thread) {
            this.thread = thread;
        }

        @Override
        public Mono<Response> isAllowed(String routeId, String id) {
            return Mono.just(new Response(true, Map.of(RedisRateLimiter.REMAINING_HEADER, "9"))).publishOn(thread);
        }
    }
}
