package dev.mcpgateway.gateway.limit;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.mcpgateway.gateway.config.GatewayProperties;
import dev.mcpgateway.gateway.config.TestGatewayProperties;
import dev.mcpgateway.gateway.directory.BackendType;
import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.policy.AccessLevel;
import dev.mcpgateway.policy.RateLimits.Bucket;
import dev.mcpgateway.policy.RateLimits;
import dev.mcpgateway.policy.TenantPolicy;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.ratelimit.RedisRateLimiter;
import org.springframework.http.HttpHeaders;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

class ToolCallLimitsTests {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final RateLimitMetrics metrics = new RateLimitMetrics(meters);

    @Test
    void refusesAPersonBeyondTheirBucketWithASentenceTheModelCanActOn() {
        ToolCallLimits limits = memoryLimits(Map.of());
        Tenant google = tenant("google", new RateLimits(new Bucket(2, 2), null, null, null));

        assertThat(admitted(limits, google, "John@Company.com")).isTrue();
        assertThat(admitted(limits, google, "john@company.com")).isTrue();
        LimitRefusal refusal = limits.admit(google, "john@company.com").block().refusal();

        assertThat(refusal.scope()).isEqualTo(LimitScope.USER);
        assertThat(refusal.sentence()).isEqualTo("rate limit for google reached (2 calls/s per person); retry in 1 s");
        assertThat(refusal.problem().status().value()).isEqualTo(429);
        assertThat(refusal.problem().problem().getProperties()).containsEntry("tenant", "google");
        assertThat(meters.get(RateLimitMetrics.RATE_LIMITED).tags("tenant", "google", "scope", "user").counter().count())
                .isEqualTo(1);
    }

    @Test
    void neverRefusesAWellBehavedPersonBecauseSomeoneElseFloods() {
        ToolCallLimits limits = memoryLimits(Map.of());
        Tenant google = tenant("google", new RateLimits(new Bucket(2, 2), new Bucket(5, 5), null, null));

        for (int call = 0; call < 50; call++) {
            limits.admit(google, "flood@company.com").block();
        }

        assertThat(admitted(limits, google, "sarah@google.com")).isTrue();
        assertThat(admitted(limits, google, "sarah@google.com")).isTrue();
    }

    @Test
    void refusesEveryoneOnceTheTenantBucketIsEmpty() {
        ToolCallLimits limits = memoryLimits(Map.of());
        Tenant google = tenant("google", new RateLimits(new Bucket(10, 10), new Bucket(3, 3), null, null));

        assertThat(admitted(limits, google, "a@x.com")).isTrue();
        assertThat(admitted(limits, google, "b@x.com")).isTrue();
        assertThat(admitted(limits, google, "c@x.com")).isTrue();
        LimitRefusal refusal = limits.admit(google, "d@x.com").block().refusal();

        assertThat(refusal.scope()).isEqualTo(LimitScope.TENANT);
        assertThat(refusal.sentence()).contains("3 calls/s for all its users");
    }

    @Test
    void writesRetryAfterAndTheRateLimitHeadersOfTheExceededPolicy() {
        LimitRefusal refusal = new LimitRefusal("google", LimitScope.USER, "20 calls/s per person", 20, 1);
        HttpHeaders headers = new HttpHeaders();

        refusal.writeHeaders(headers);

        assertThat(headers.getFirst(HttpHeaders.RETRY_AFTER)).isEqualTo("1");
        assertThat(headers.getFirst("RateLimit-Policy")).isEqualTo("\"per-user\";q=20;w=1");
        assertThat(headers.getFirst("RateLimit")).isEqualTo("\"per-user\";r=0;t=1");
    }

    @Test
    void usesTheGatewayDefaultsForPartsATenantDoesNotSet() {
        ToolCallLimits limits = memoryLimits(Map.of("mcpgateway.rate-limit.per-user.requests-per-second", "1",
                "mcpgateway.rate-limit.max-concurrent-calls", "7"));

        TenantLimits own = limits.limitsOf(tenant("a", new RateLimits(new Bucket(5, 9), null, 0, null)));
        TenantLimits none = limits.limitsOf(tenant("b", RateLimits.NONE));

        assertThat(own).isEqualTo(new TenantLimits(new Bucket(5, 9), new Bucket(0, 0), 0));
        assertThat(none).isEqualTo(new TenantLimits(new Bucket(1, 1), new Bucket(0, 0), 7));
    }

    @Test
    void limitsNothingWithTheJarsDefaults() {
        ToolCallLimits limits = memoryLimits(Map.of());
        Tenant google = tenant("google", RateLimits.NONE);

        for (int call = 0; call < 1_000; call++) {
            assertThat(admitted(limits, google, "john@company.com")).isTrue();
        }
    }

    @Test
    void refusesACallBeyondTheConcurrencyLimitAtOnceAndFreesThePlaceWhenACallEnds() {
        ToolCallLimits limits = memoryLimits(Map.of());
        Tenant google = tenant("google", new RateLimits(null, null, 2, null));
        Sinks.One<String> first = Sinks.one();
        Sinks.One<String> second = Sinks.one();

        Disposable one = limits.limit(google, "a@x.com", first::asMono, refusal -> Mono.just("refused")).subscribe();
        Disposable two = limits.limit(google, "b@x.com", second::asMono, refusal -> Mono.just("refused")).subscribe();
        String third = limits.limit(google, "c@x.com", () -> Mono.just("called"),
                refusal -> Mono.just(refusal.sentence())).block(Duration.ofSeconds(1));

        assertThat(third).isEqualTo("too many calls in flight to the tool server of google (at most 2 at once); "
                + "retry in 1 s");
        assertThat(limits.inFlight("google")).isEqualTo(2);
        assertThat(meters.get(RateLimitMetrics.IN_FLIGHT).tags("tenant", "google").gauge().value()).isEqualTo(2);
        first.tryEmitValue("done");
        assertThat(limits.inFlight("google")).isEqualTo(1);
        one.dispose();
        two.dispose();
    }

    @Test
    void leaksNoPlaceWhenACallFailsOrIsCancelled() {
        ToolCallLimits limits = memoryLimits(Map.of());
        Tenant google = tenant("google", new RateLimits(null, null, 1, null));

        Mono<String> failing = limits.limit(google, "a@x.com", () -> Mono.error(new IllegalStateException("boom")),
                refusal -> Mono.just("refused"));
        assertThat(failing.onErrorReturn("failed").block()).isEqualTo("failed");
        Disposable hung = limits.limit(google, "a@x.com", Mono::<String>never, refusal -> Mono.just("refused"))
                .subscribe();
        assertThat(limits.inFlight("google")).isEqualTo(1);
        hung.dispose();

        assertThat(limits.inFlight("google")).isZero();
        assertThat(limits.limit(google, "a@x.com", () -> Mono.just("called"), refusal -> Mono.just("refused"))
                .block()).isEqualTo("called");
    }

    @Test
    void letsCallsThroughWhenTheStoreFailsAndCountsEachFailure() {
        ToolCallLimits limits = failingStoreLimits(false);
        Tenant google = tenant("google", new RateLimits(new Bucket(1, 1), null, null, null));

        assertThat(admitted(limits, google, "john@company.com")).isTrue();
        assertThat(admitted(limits, google, "john@company.com")).isTrue();

        assertThat(meters.get(RateLimitMetrics.STORE_ERRORS).counter().count()).isEqualTo(2);
    }

    @Test
    void refusesWith503WhenTheStoreFailsAndFailClosedIsOn() {
        ToolCallLimits limits = failingStoreLimits(true);
        Tenant google = tenant("google", new RateLimits(new Bucket(1, 1), null, 5, null));

        LimitRefusal refusal = limits.admit(google, "john@company.com").block().refusal();

        assertThat(refusal.scope()).isEqualTo(LimitScope.STORE);
        assertThat(refusal.problem().status().value()).isEqualTo(503);
        assertThat(limits.inFlight("google")).isZero();
    }

    private ToolCallLimits memoryLimits(Map<String, String> properties) {
        GatewayProperties gateway = TestGatewayProperties.bind(properties);
        Ticker ticker = nanos::get; // time stands still: no refill during a test
        return new ToolCallLimits(gateway, TokenBuckets.inMemory(metrics, ticker), metrics);
    }

    /** A store like SCG's RedisRateLimiter with Redis gone: every answer is "allowed, -1 remaining". */
    private ToolCallLimits failingStoreLimits(boolean failClosed) {
        Map<String, String> properties = new HashMap<>();
        properties.put("mcpgateway.rate-limit.fail-closed", Boolean.toString(failClosed));
        GatewayProperties gateway = TestGatewayProperties.bind(properties);
        TokenBuckets failing = new TokenBuckets(bucket -> new RedisUnreachable(), Duration.ofSeconds(1), metrics,
                failClosed, new TokenLeases(Ticker.systemTicker()));
        return new ToolCallLimits(gateway, failing, metrics);
    }

    @Test
    void decidesCallsWithLeasedTokensAtOnceAndStillRefusesWhenTheTenantsSharedBucketIsEmpty() {
        AtomicInteger storeCalls = new AtomicInteger();
        ToolCallLimits limits = new ToolCallLimits(TestGatewayProperties.bind(Map.of()),
                StoreStandIn.sharedStore(nanos::get, storeCalls, metrics), metrics);
        Tenant fast = tenant("fast", new RateLimits(new Bucket(1000, 1000), new Bucket(2000, 2000), null, null));
        Tenant narrow = tenant("narrow", new RateLimits(new Bucket(1000, 1000), new Bucket(1, 1), null, null));

        for (int call = 0; call < 10; call++) {
            assertThat(limitedCall(limits, fast)).isEqualTo("called");
        }
        assertThat(storeCalls).as("one lease of 10 person tokens, one of 20 tenant tokens").hasValue(2);

        assertThat(limitedCall(limits, narrow)).isEqualTo("called");
        assertThat(limitedCall(limits, narrow)).isEqualTo("refused: TENANT");
        assertThat(limits.inFlight("narrow")).isZero();
        assertThat(meters.get(RateLimitMetrics.RATE_LIMITED).tags("tenant", "narrow", "scope", "tenant").counter()
                .count()).isEqualTo(1);
    }

    private static String limitedCall(ToolCallLimits limits, Tenant tenant) {
        return limits.limit(tenant, "john@company.com", () -> Mono.just("called"),
                refusal -> Mono.just("refused: " + refusal.scope())).block();
    }

    private static boolean admitted(ToolCallLimits limits, Tenant tenant, String email) {
        ToolCallLimits.Admission admission = limits.admit(tenant, email).block();
        if (admission.admitted()) {
            admission.permit().release();
        }
        return admission.admitted();
    }

    private static Tenant tenant(String id, RateLimits limits) {
        return new Tenant(id, id, URI.create("http://127.0.0.1:9"), BackendType.OPENAPI, true, false,
                new TenantPolicy(AccessLevel.READ, List.of()), limits);
    }

    /** Answers the way SCG's RedisRateLimiter answers when its script call fails. */
    private static final class RedisUnreachable extends StoreStandIn {

        @Override
        public Mono<Response> isAllowed(String routeId, String id) {
            return Mono.just(new Response(true, Map.of(RedisRateLimiter.REMAINING_HEADER, "-1")));
        }
    }
}
