package dev.mcpgateway.admin.access;

import dev.mcpgateway.policy.RateLimits;
import dev.mcpgateway.policy.RateLimits.Bucket;

/**
 * A tenant's call limits for one person, in a sentence ("ada@acme.io may make 20 calls/s to acme (burst 40); all
 * members together 200 calls/s (burst 400); at most 64 calls at once; answers up to 16 MiB"). tenant-admin does not
 * know the gateway's defaults (they are gateway properties), so an unset part says "the gateway's default".
 */
final class CallLimitsSentence {

    private static final String DEFAULT = "the gateway's default";
    private static final long MIB = 1024 * 1024;

    private CallLimitsSentence() {
    }

    static String of(String email, String tenant, RateLimits limits) {
        return perUser(email, tenant, limits.perUser()) + "; " + tenantWide(limits.tenant()) + "; "
                + concurrency(limits.maxConcurrentCalls()) + "; " + answerSize(limits.maxResponseBytes()) + ".";
    }

    private static String perUser(String email, String tenant, Bucket bucket) {
        if (bucket == null) {
            return email + " may make calls to " + tenant + " at " + DEFAULT + " rate per person";
        }
        if (bucket.unlimited()) {
            return email + " may make calls to " + tenant + " without a rate limit per person";
        }
        return email + " may make " + bucket.requestsPerSecond() + " calls/s to " + tenant + " (burst " + bucket.burst()
                + ")";
    }

    private static String tenantWide(Bucket bucket) {
        if (bucket == null) {
            return "all members together at " + DEFAULT + " rate";
        }
        if (bucket.unlimited()) {
            return "all members together without a rate limit";
        }
        return "all members together " + bucket.requestsPerSecond() + " calls/s (burst " + bucket.burst() + ")";
    }

    private static String concurrency(Integer maxConcurrentCalls) {
        if (maxConcurrentCalls == null) {
            return "calls at once: " + DEFAULT;
        }
        if (maxConcurrentCalls == 0) {
            return "any number of calls at once";
        }
        return "at most " + maxConcurrentCalls + (maxConcurrentCalls == 1 ? " call" : " calls") + " at once";
    }

    private static String answerSize(Long maxResponseBytes) {
        if (maxResponseBytes == null) {
            return "answers up to " + DEFAULT + " size";
        }
        if (maxResponseBytes == 0) {
            return "answers of any size";
        }
        boolean wholeMebibytes = maxResponseBytes % MIB == 0;
        return "answers up to " + (wholeMebibytes ? maxResponseBytes / MIB + " MiB" : maxResponseBytes + " bytes");
    }
}
