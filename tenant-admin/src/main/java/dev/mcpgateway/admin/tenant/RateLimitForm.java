package dev.mcpgateway.admin.tenant;

import dev.mcpgateway.policy.RateLimits;
import dev.mcpgateway.policy.RateLimits.Bucket;

/**
 * A tenant's {@code rateLimit} block as entered in the form or sent to the API, with the bootstrap file's field
 * names. A blank (null) part is the gateway's default; the rules are {@link RateLimits#problems()}, checked by
 * {@link TenantForm}.
 */
public class RateLimitForm {

    private BucketForm perUser = new BucketForm();
    private BucketForm tenant = new BucketForm();
    private Integer maxConcurrentCalls;
    private Long maxResponseBytes;

    static RateLimitForm of(RateLimits limits) {
        RateLimitForm form = new RateLimitForm();
        form.setPerUser(BucketForm.of(limits.perUser()));
        form.setTenant(BucketForm.of(limits.tenant()));
        form.setMaxConcurrentCalls(limits.maxConcurrentCalls());
        form.setMaxResponseBytes(limits.maxResponseBytes());
        return form;
    }

    /** The limits as stored; a bucket with only one of its two numbers counts as unset (refused by validation). */
    RateLimits toRateLimits() {
        return new RateLimits(perUser.toBucket(), tenant.toBucket(), maxConcurrentCalls, maxResponseBytes);
    }

    public BucketForm getPerUser() {
        return perUser;
    }

    public void setPerUser(BucketForm perUser) {
        this.perUser = perUser == null ? new BucketForm() : perUser;
    }

    public BucketForm getTenant() {
        return tenant;
    }

    public void setTenant(BucketForm tenant) {
        this.tenant = tenant == null ? new BucketForm() : tenant;
    }

    public Integer getMaxConcurrentCalls() {
        return maxConcurrentCalls;
    }

    public void setMaxConcurrentCalls(Integer maxConcurrentCalls) {
        this.maxConcurrentCalls = maxConcurrentCalls;
    }

    public Long getMaxResponseBytes() {
        return maxResponseBytes;
    }

    public void setMaxResponseBytes(Long maxResponseBytes) {
        this.maxResponseBytes = maxResponseBytes;
    }

    /** A token bucket: both numbers or neither. */
    public static class BucketForm {

        private Integer requestsPerSecond;
        private Integer burst;

        static BucketForm of(Bucket bucket) {
            BucketForm form = new BucketForm();
            if (bucket != null) {
                form.setRequestsPerSecond(bucket.requestsPerSecond());
                form.setBurst(bucket.burst());
            }
            return form;
        }

        Bucket toBucket() {
            return requestsPerSecond == null || burst == null ? null : new Bucket(requestsPerSecond, burst);
        }

        /** The name of the one number given without the other, or null when both or neither are given. */
        String missingHalf() {
            if ((requestsPerSecond == null) == (burst == null)) {
                return null;
            }
            return requestsPerSecond == null ? "requestsPerSecond" : "burst";
        }

        public Integer getRequestsPerSecond() {
            return requestsPerSecond;
        }

        public void setRequestsPerSecond(Integer requestsPerSecond) {
            this.requestsPerSecond = requestsPerSecond;
        }

        public Integer getBurst() {
            return burst;
        }

        public void setBurst(Integer burst) {
            this.burst = burst;
        }
    }
}
