package dev.mcpgateway.gateway.limit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.policy.RateLimits.Bucket;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.DefaultEventLoop;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

class TokenBucketsTests {

    private final DefaultEventLoop requestLoop = new DefaultEventLoop();
    private final Scheduler storeThread = Schedulers.newSingle("store-io");
    private final RateLimitMetrics metrics = new RateLimitMetrics(new SimpleMeterRegistry());

    @AfterEach
    void stop() {
        requestLoop.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        storeThread.dispose();
    }

    @Test
    void continuesAStoresAnswerOnTheEventLoopOfTheRequestThatAsked() throws Exception {
        TokenBuckets buckets = new TokenBuckets(bucket -> new AnswersOnItsOwnThread(storeThread), Duration.ofSeconds(5),
                metrics, false, true);

        assertThat(threadThatSeesTheAnswer(buckets)).isNotEqualTo("store-io")
                .isEqualTo(requestLoop.submit(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS));
    }

    @Test
    void leavesAnInProcessAnswerWhereItIsBecauseItNeverLeftTheCallersThread() throws Exception {
        TokenBuckets buckets = new TokenBuckets(bucket -> new AnswersOnItsOwnThread(storeThread), Duration.ofSeconds(5),
                metrics, false, false);

        assertThat(threadThatSeesTheAnswer(buckets)).startsWith("store-io");
    }

    private String threadThatSeesTheAnswer(TokenBuckets buckets) throws Exception {
        CompletableFuture<String> thread = new CompletableFuture<>();
        requestLoop.execute(() -> buckets.take("mcpgateway:google:user:john@company.com", new Bucket(10, 10))
                .subscribe(answer -> thread.complete(answer == TokenBuckets.Answer.ALLOWED
                        ? Thread.currentThread().getName() : "not allowed: " + answer), thread::completeExceptionally));
        return thread.get(5, TimeUnit.SECONDS);
    }

    /** Like Lettuce: the answer arrives on the store client's own I/O thread. */
    private static final class AnswersOnItsOwnThread implements RateLimiter<RedisRateLimiter.Config> {

        private final Scheduler thread;
        private final Map<String, RedisRateLimiter.Config> config = new HashMap<>();

        AnswersOnItsOwnThread(Scheduler thread) {
            this.thread = thread;
        }

        @Override
        public Mono<Response> isAllowed(String routeId, String id) {
            return Mono.just(new Response(true, Map.of(RedisRateLimiter.REMAINING_HEADER, "9"))).publishOn(thread);
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
    }
}
