package dev.mcpgateway.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * A tenant's own call limits, as the bootstrap file, tenant-admin and the {@code tenant} table hold them. A part
 * that is {@code null} is not set: the gateway's default for all tenants applies. {@code 0} means unlimited.
 * The ranges are the database constraints of {@code V3__tenant_rate_limits.sql}.
 */
public record RateLimits(Bucket perUser, Bucket tenant, Integer maxConcurrentCalls, Long maxResponseBytes) {

    public static final int MAX_REQUESTS_PER_SECOND = 1_000_000;
    public static final int MAX_BURST = 10_000_000;
    public static final int MAX_CONCURRENT_CALLS = 100_000;
    public static final long MAX_RESPONSE_BYTES = 1L << 30;

    /** No part set: every limit is the gateway's default. */
    public static final RateLimits NONE = new RateLimits(null, null, null, null);

    /** A token bucket: {@code requestsPerSecond} refill, up to {@code burst} tokens; a rate of 0 is unlimited. */
    public record Bucket(int requestsPerSecond, int burst) {

        public boolean unlimited() {
            return requestsPerSecond == 0;
        }
    }

    /** Whether any part is set. */
    public boolean anySet() {
        return perUser != null || tenant != null || maxConcurrentCalls != null || maxResponseBytes != null;
    }

    /** What is wrong with these limits, one sentence per problem, naming the field as the bootstrap file does. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        checkBucket("rateLimit.perUser", perUser, problems);
        checkBucket("rateLimit.tenant", tenant, problems);
        if (maxConcurrentCalls != null && (maxConcurrentCalls < 0 || maxConcurrentCalls > MAX_CONCURRENT_CALLS)) {
            problems.add("rateLimit.maxConcurrentCalls must be between 0 (unlimited) and " + MAX_CONCURRENT_CALLS);
        }
        if (maxResponseBytes != null && (maxResponseBytes < 0 || maxResponseBytes > MAX_RESPONSE_BYTES)) {
            problems.add("rateLimit.maxResponseBytes must be between 0 (unlimited) and " + MAX_RESPONSE_BYTES);
        }
        return problems;
    }

    private static void checkBucket(String field, Bucket bucket, List<String> problems) {
        if (bucket == null) {
            return;
        }
        if (bucket.requestsPerSecond() < 0 || bucket.requestsPerSecond() > MAX_REQUESTS_PER_SECOND) {
            problems.add(field + ".requestsPerSecond must be between 0 (unlimited) and " + MAX_REQUESTS_PER_SECOND);
        }
        if (bucket.burst() < bucket.requestsPerSecond() || bucket.burst() > MAX_BURST) {
            problems.add(field + ".burst must be at least requestsPerSecond and at most " + MAX_BURST);
        }
    }
}
