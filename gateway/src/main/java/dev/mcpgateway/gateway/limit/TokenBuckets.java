package dev.mcpgateway.gateway.limit;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.mcpgateway.policy.RateLimits.Bucket;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.internal.ThreadExecutorMap;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.cloud.gateway.filter.ratelimit.RateLimiter;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.cloud.gateway.support.ConfigurationService;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.data.redis.core.script.RedisScript;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Takes one token from a named bucket in the configured store, through one Spring Cloud Gateway {@link RateLimiter}
 * per bucket shape (rate, burst), each configured once when first needed: {@link InMemoryRateLimiter} or SCG's own
 * {@link RedisRateLimiter} (with its token-bucket script refilling by Redis time in microseconds, see
 * {@code token_bucket.lua}). A Redis failure
 * (SCG answers "allowed, -1 remaining" for it, or no answer within the timeout) is reported as
 * {@link Answer#STORE_FAILED}, counted, and logged at WARN at most once a minute. From Redis, a fast bucket's
 * tokens are taken a {@link TokenLeases lease} at a time, and each answer continues on the event loop of the request
 * that asked, not on Lettuce's one I/O thread (see {@link #onCallersEventLoop}).
 */
class TokenBuckets {

    /** The one "route" each limiter is configured for: the bucket shape is the limiter, the key the bucket. */
    static final String ROUTE = "mcpgateway-tool-calls";
    /** The same buckets, asked for a {@link TokenLeases#leaseSize lease} of tokens at once. */
    static final String LEASE_ROUTE = "mcpgateway-tool-calls-lease";
    private static final Mono<Answer> ALLOWED = Mono.just(Answer.ALLOWED);
    private static final Logger log = LoggerFactory.getLogger(TokenBuckets.class);
    private static final long WARN_INTERVAL_NANOS = Duration.ofMinutes(1).toNanos();

    /** What the store answered for one call. */
    enum Answer { ALLOWED, REFUSED, STORE_FAILED }

    private final Function<Bucket, RateLimiter<RedisRateLimiter.Config>> newLimiter;
    private final Duration timeout;
    private final RateLimitMetrics metrics;
    private final String whileStoreFails;
    private final Map<Bucket, RateLimiter<RedisRateLimiter.Config>> limiters = new ConcurrentHashMap<>();
    private final AtomicLong lastWarning = new AtomicLong(System.nanoTime() - WARN_INTERVAL_NANOS);
    private final TokenLeases leases;
    private final Map<EventExecutor, Scheduler> eventLoops = new ConcurrentHashMap<>();

    /** @param leases tokens taken ahead from a shared store, whose answers arrive on another thread; null in process */
    TokenBuckets(Function<Bucket, RateLimiter<RedisRateLimiter.Config>> newLimiter, Duration timeout,
                 RateLimitMetrics metrics, boolean failClosed, TokenLeases leases) {
        this.leases = leases;
        this.newLimiter = newLimiter;
        this.timeout = timeout;
        this.metrics = metrics;
        this.whileStoreFails = failClosed ? "refused with 503 (fail-closed)" : "let through unlimited (fail open)";
    }

    /** Buckets in this process. */
    static TokenBuckets inMemory(RateLimitMetrics metrics, Ticker ticker) {
        return new TokenBuckets(bucket -> configured(new InMemoryRateLimiter(fullRefill(bucket), ticker), bucket),
                Duration.ofSeconds(5), metrics, false, null);
    }

    /** Buckets in Redis, shared by every replica. */
    static TokenBuckets inRedis(ReactiveStringRedisTemplate redis, RedisScript<List<Long>> script,
                                ConfigurationService configurations, Duration timeout, RateLimitMetrics metrics,
                                boolean failClosed) {
        return new TokenBuckets(bucket -> configured(new RedisRateLimiter(redis, script, configurations), bucket),
                timeout, metrics, failClosed, new TokenLeases(Ticker.systemTicker()));
    }

    /** Takes one token for {@code key} from a bucket of shape {@code bucket} (which must not be unlimited). */
    Mono<Answer> take(String key, Bucket bucket) {
        if (leases == null) {
            return ask(key, bucket, ROUTE);
        }
        if (leases.takeLeased(key)) {
            return ALLOWED;
        }
        int leaseSize = TokenLeases.leaseSize(bucket);
        if (leaseSize == 1) {
            return onCallersEventLoop(ask(key, bucket, ROUTE));
        }
        // A lease the bucket cannot fill any more falls back to one token, so nobody is refused a token that is there.
        return onCallersEventLoop(ask(key, bucket, LEASE_ROUTE).flatMap(answer -> {
            if (answer == Answer.ALLOWED) {
                leases.keep(key, leaseSize - 1);
                return Mono.just(answer);
            }
            return answer == Answer.REFUSED ? ask(key, bucket, ROUTE) : Mono.just(answer);
        }));
    }

    /** Takes a token this replica leased earlier for {@code key}, without asking the store; false when none is left. */
    boolean takeLeased(String key) {
        return leases != null && leases.takeLeased(key);
    }

    private Mono<Answer> ask(String key, Bucket bucket, String route) {
        return limiters.computeIfAbsent(bucket, newLimiter).isAllowed(route, key)
                .timeout(timeout)
                .map(TokenBuckets::answerOf)
                .onErrorResume(error -> Mono.just(storeFailed(error)))
                .doOnNext(taken -> {
                    if (taken == Answer.STORE_FAILED) {
                        storeFailed();
                    }
                });
    }

    /**
     * Lettuce emits every answer on the I/O thread of its one shared connection, so without this the rest of every
     * limited call (credentials, forwarding, audit) would run on that single thread: measured, a third of the
     * throughput. Back on the caller's own Netty event loop the call continues as if no store had been asked.
     * ({@code ThreadExecutorMap} is Netty's record of which event loop runs the current thread; public, if internal.)
     */
    private Mono<Answer> onCallersEventLoop(Mono<Answer> answer) {
        return Mono.defer(() -> {
            EventExecutor loop = ThreadExecutorMap.currentExecutor();
            return loop == null ? answer
                    : answer.publishOn(eventLoops.computeIfAbsent(loop, executor -> Schedulers.fromExecutor(executor)));
        });
    }

    private static Answer answerOf(RateLimiter.Response response) {
        // SCG's RedisRateLimiter lets a call through with -1 remaining when Redis failed (it catches the error itself).
        if (response.isAllowed() && "-1".equals(response.getHeaders().get(RedisRateLimiter.REMAINING_HEADER))) {
            return Answer.STORE_FAILED;
        }
        return response.isAllowed() ? Answer.ALLOWED : Answer.REFUSED;
    }

    private static Answer storeFailed(Throwable error) {
        log.debug("Rate limit store failed: {}", error.toString());
        return Answer.STORE_FAILED;
    }

    private void storeFailed() {
        metrics.storeError();
        long now = System.nanoTime();
        long last = lastWarning.get();
        if (now - last >= WARN_INTERVAL_NANOS && lastWarning.compareAndSet(last, now)) {
            log.warn("The rate limit store cannot be reached; tool calls are {} until it answers again "
                    + "(mcpgateway_rate_limit_store_errors_total counts each call)", whileStoreFails);
        }
    }

    private static <L extends RateLimiter<RedisRateLimiter.Config>> L configured(L limiter, Bucket bucket) {
        limiter.getConfig().put(ROUTE, limiter.newConfig().setReplenishRate(bucket.requestsPerSecond())
                .setBurstCapacity(bucket.burst()).setRequestedTokens(1));
        limiter.getConfig().put(LEASE_ROUTE, limiter.newConfig().setReplenishRate(bucket.requestsPerSecond())
                .setBurstCapacity(bucket.burst()).setRequestedTokens(TokenLeases.leaseSize(bucket)));
        return limiter;
    }

    /** After this long untouched, a bucket is full again, so forgetting it changes nothing. */
    private static Duration fullRefill(Bucket bucket) {
        long millis = (long) Math.ceil(bucket.burst() * 1000.0 / bucket.requestsPerSecond());
        return Duration.ofMillis(Math.max(1000, millis) + 1000);
    }
}
