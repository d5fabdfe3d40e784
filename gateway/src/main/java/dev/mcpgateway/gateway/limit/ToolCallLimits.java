package dev.mcpgateway.gateway.limit;

import dev.mcpgateway.gateway.config.GatewayProperties;
import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.policy.RateLimits.Bucket;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * The one check every tool-call path makes (HTTP and mcpo bridge through {@link ToolCallLimitGatewayFilterFactory},
 * {@code tools/call} on {@code /mcp} and on {@code /tools/<tenant>/mcp}): one call takes a place among the tenant's
 * calls in flight, then one token from the caller's bucket, then one from the tenant's. The person's bucket comes
 * first, so someone flooding spends only their own tokens and never the tenant's; only calls that got past their own
 * bucket draw on the shared one, which protects the tool server when many people call at once.
 */
@Component
public class ToolCallLimits {

    private static final Logger log = LoggerFactory.getLogger(ToolCallLimits.class);
    private static final String KEY_PREFIX = "mcpgateway:";

    private final GatewayProperties.RateLimit defaults;
    private final TokenBuckets buckets;
    private final ConcurrentCalls concurrentCalls;
    private final RateLimitMetrics metrics;

    ToolCallLimits(GatewayProperties properties, TokenBuckets buckets, RateLimitMetrics metrics) {
        this.defaults = properties.rateLimit();
        this.buckets = buckets;
        this.metrics = metrics;
        this.concurrentCalls = new ConcurrentCalls(metrics);
    }

    /** Either a permit to call (release it when the call ends) or the refusal to answer with. */
    public record Admission(ToolCallPermit permit, LimitRefusal refusal) {

        public boolean admitted() {
            return refusal == null;
        }
    }

    /** The effective limits of {@code tenant}: its own, else the gateway's defaults. */
    public TenantLimits limitsOf(Tenant tenant) {
        return TenantLimits.of(tenant, defaults);
    }

    /** Admits or refuses one tool call of {@code email} (a verified caller) to {@code tenant}. */
    public Mono<Admission> admit(Tenant tenant, String email) {
        return admit(tenant, limitsOf(tenant), email);
    }

    private Mono<Admission> admit(Tenant tenant, TenantLimits limits, String email) {
        ToolCallPermit permit = concurrentCalls.tryAcquire(tenant.id(), limits.maxConcurrentCalls());
        if (permit == null) {
            return Mono.just(tooManyInFlight(tenant, limits));
        }
        return admit(tenant, limits, userKey(tenant, email), false, permit);
    }

    /** The buckets' part of an admission that holds {@code permit}; the person's token may have been taken already. */
    private Mono<Admission> admit(Tenant tenant, TenantLimits limits, String userKey, boolean userTokenTaken,
                                  ToolCallPermit permit) {
        Mono<LimitRefusal> user = userTokenTaken ? Mono.empty() : check(userKey, limits.perUser(), tenant, LimitScope.USER);
        return user
                .switchIfEmpty(Mono.defer(() -> check(tenantKey(tenant), limits.tenant(), tenant, LimitScope.TENANT)))
                .map(refusal -> {
                    permit.release();
                    return refused(refusal);
                })
                .defaultIfEmpty(new Admission(permit, null))
                .doOnCancel(permit::release)
                .doOnError(error -> permit.release());
    }

    /**
     * Runs {@code call} when admitted, holding the permit until it completes, fails or is cancelled; otherwise
     * answers with {@code whenRefused}.
     */
    public <T> Mono<T> limit(Tenant tenant, String email, Supplier<Mono<T>> call,
                             Function<LimitRefusal, Mono<T>> whenRefused) {
        TenantLimits limits = limitsOf(tenant);
        if (limits.perUser().unlimited() && limits.tenant().unlimited()) {
            // No bucket to ask (the default): only the count of calls in flight, decided at once, so a gateway
            // without rate limits pays no reactive admission chain per call.
            ToolCallPermit permit = concurrentCalls.tryAcquire(tenant.id(), limits.maxConcurrentCalls());
            if (permit == null) {
                return whenRefused.apply(tooManyInFlight(tenant, limits).refusal());
            }
            return Mono.defer(call).doFinally(signal -> permit.release());
        }
        ToolCallPermit permit = concurrentCalls.tryAcquire(tenant.id(), limits.maxConcurrentCalls());
        if (permit == null) {
            return whenRefused.apply(tooManyInFlight(tenant, limits).refusal());
        }
        String userKey = userKey(tenant, email);
        boolean userTokenTaken = limits.perUser().unlimited() || buckets.takeLeased(userKey);
        if (userTokenTaken && (limits.tenant().unlimited() || buckets.takeLeased(tenantKey(tenant)))) {
            // Both tokens were already on this replica (leased from Redis): decided at once, no admission chain.
            return Mono.defer(call).doFinally(signal -> permit.release());
        }
        return admit(tenant, limits, userKey, userTokenTaken, permit).flatMap(admission -> admission.admitted()
                ? Mono.defer(call).doFinally(signal -> admission.permit().release())
                : whenRefused.apply(admission.refusal()));
    }

    private static String userKey(Tenant tenant, String email) {
        return KEY_PREFIX + tenant.id() + ":user:" + (email == null ? "" : email.toLowerCase(Locale.ROOT));
    }

    private static String tenantKey(Tenant tenant) {
        return KEY_PREFIX + tenant.id() + ":tenant";
    }

    /** Calls in flight to {@code tenantId} on this replica. */
    public int inFlight(String tenantId) {
        return concurrentCalls.inFlight(tenantId);
    }

    /** Empty when the bucket has a token (or is unlimited, or the store failed and calls fail open). */
    private Mono<LimitRefusal> check(String key, Bucket bucket, Tenant tenant, LimitScope scope) {
        if (bucket.unlimited()) {
            return Mono.empty();
        }
        return buckets.take(key, bucket).flatMap(answer -> switch (answer) {
            case ALLOWED -> Mono.empty();
            case REFUSED -> Mono.just(new LimitRefusal(tenant.id(), scope, describe(bucket, scope),
                    bucket.requestsPerSecond(), retryAfterSeconds(bucket)));
            case STORE_FAILED -> defaults.failClosed()
                    ? Mono.just(new LimitRefusal(tenant.id(), LimitScope.STORE, "store unreachable", 0, 1))
                    : Mono.empty();
        });
    }

    private Admission tooManyInFlight(Tenant tenant, TenantLimits limits) {
        return refused(new LimitRefusal(tenant.id(), LimitScope.CONCURRENCY,
                "at most " + limits.maxConcurrentCalls() + " at once", 0, 1));
    }

    private Admission refused(LimitRefusal refusal) {
        if (refusal.scope() != LimitScope.STORE) {
            metrics.rateLimited(refusal.tenantId(), refusal.scope());
        }
        log.debug("Tool call to {} refused: {}", refusal.tenantId(), refusal.sentence());
        return new Admission(null, refusal);
    }

    private static String describe(Bucket bucket, LimitScope scope) {
        return bucket.requestsPerSecond() + (bucket.requestsPerSecond() == 1 ? " call/s " : " calls/s ")
                + (scope == LimitScope.USER ? "per person" : "for all its users");
    }

    /** One token is missing; it comes back after 1/rate seconds, rounded up to whole seconds as Retry-After wants. */
    private static long retryAfterSeconds(Bucket bucket) {
        return Math.max(1, (long) Math.ceil(1.0 / bucket.requestsPerSecond()));
    }
}
