package dev.mcpgateway.gateway.limit;

import dev.mcpgateway.gateway.error.GatewayProblem;
import org.springframework.http.HttpHeaders;
import org.springframework.web.server.ServerWebExchange;

/**
 * Why a tool call was refused by a limit, in the words the model reads ({@link #sentence()}), as HTTP answer
 * ({@link #problem()} and {@link #writeHeaders(HttpHeaders)}: {@code Retry-After}, and for rates the
 * {@code RateLimit-Policy} / {@code RateLimit} fields of the IETF httpapi draft).
 *
 * @param tenantId          the tenant whose limit it is
 * @param scope             which limit
 * @param limit             the limit in words, e.g. {@code 20 calls/s per person}
 * @param requestsPerSecond the bucket's rate (0 for concurrency and store refusals)
 * @param retryAfterSeconds whole seconds after which a retry may succeed (at least 1)
 */
public record LimitRefusal(String tenantId, LimitScope scope, String limit, int requestsPerSecond,
                           long retryAfterSeconds) {

    /** Exchange attribute under which a refused call keeps its refusal, for the audit record. */
    public static final String ATTRIBUTE = LimitRefusal.class.getName();

    /** The refusal of the call on {@code exchange}, or {@code null} when no limit refused it. */
    public static LimitRefusal of(ServerWebExchange exchange) {
        return exchange.getAttribute(ATTRIBUTE);
    }

    /** The sentence a person or a model can act on. */
    public String sentence() {
        return switch (scope) {
            case USER, TENANT -> "rate limit for " + tenantId + " reached (" + limit + "); retry in "
                    + retryAfterSeconds + " s";
            case CONCURRENCY -> "too many calls in flight to the tool server of " + tenantId + " (" + limit
                    + "); retry in " + retryAfterSeconds + " s";
            case STORE -> "the rate limits of " + tenantId + " cannot be checked right now; retry in "
                    + retryAfterSeconds + " s";
        };
    }

    /** 429 for a rate, 503 for the concurrency limit and an unreachable store (fail closed). */
    public GatewayProblem problem() {
        return switch (scope) {
            case USER, TENANT -> GatewayProblem.rateLimited(tenantId, limit, sentence());
            case CONCURRENCY -> GatewayProblem.tooManyConcurrentCalls(tenantId, limit, sentence());
            case STORE -> GatewayProblem.unavailable(tenantId, sentence());
        };
    }

    /** {@code Retry-After}, and for a rate the policy that was exceeded with nothing remaining. */
    public void writeHeaders(HttpHeaders headers) {
        headers.set(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds));
        if (scope == LimitScope.USER || scope == LimitScope.TENANT) {
            String policy = "\"" + (scope == LimitScope.USER ? "per-user" : "tenant") + "\"";
            headers.set("RateLimit-Policy", policy + ";q=" + requestsPerSecond + ";w=1");
            headers.set("RateLimit", policy + ";r=0;t=" + retryAfterSeconds);
        }
    }
}
