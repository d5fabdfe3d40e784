package dev.mcpgateway.gateway.limit;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.stereotype.Component;

/**
 * The limits' meters. Tenant tags are configured tenants only (callers cannot choose them).
 * <ul>
 *   <li>{@code mcpgateway_rate_limited_total{tenant,scope}}: calls refused by a limit, scope {@code user},
 *       {@code tenant} or {@code concurrency}</li>
 *   <li>{@code mcpgateway_tool_calls_in_flight{tenant}}: calls to the tenant's tool server in flight on this replica</li>
 *   <li>{@code mcpgateway_rate_limit_store_errors_total}: checks the Redis store could not answer</li>
 * </ul>
 */
@Component
class RateLimitMetrics {

    static final String RATE_LIMITED = "mcpgateway.rate.limited";
    static final String IN_FLIGHT = "mcpgateway.tool.calls.in.flight";
    static final String STORE_ERRORS = "mcpgateway.rate.limit.store.errors";

    private final MeterRegistry meters;
    private final Counter storeErrors;
    private final Map<String, Counter> refusals = new ConcurrentHashMap<>();

    RateLimitMetrics(MeterRegistry meters) {
        this.meters = meters;
        this.storeErrors = Counter.builder(STORE_ERRORS)
                .description("rate limit checks the store (Redis) could not answer")
                .register(meters);
    }

    void rateLimited(String tenantId, LimitScope scope) {
        refusals.computeIfAbsent(tenantId + '\n' + scope.value(), key -> Counter.builder(RATE_LIMITED)
                .description("tool calls refused by a rate or concurrency limit, by tenant and scope")
                .tag("tenant", tenantId)
                .tag("scope", scope.value())
                .register(meters)).increment();
    }

    void storeError() {
        storeErrors.increment();
    }

    /** Publishes {@code inFlight} as the tenant's in-flight gauge (once per tenant). */
    void inFlight(String tenantId, AtomicInteger inFlight) {
        Gauge.builder(IN_FLIGHT, inFlight, AtomicInteger::get)
                .description("tool calls in flight to the tenant's tool server on this replica")
                .tag("tenant", tenantId)
                .register(meters);
    }
}
