package dev.mcpgateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.policy.RateLimits.Bucket;
import org.junit.jupiter.api.Test;

class RateLimitsTests {

    @Test
    void acceptsTheIssueExample() {
        RateLimits limits = new RateLimits(new Bucket(20, 40), new Bucket(200, 400), 64, null);

        assertThat(limits.problems()).isEmpty();
        assertThat(limits.anySet()).isTrue();
    }

    @Test
    void treatsNoPartAsNothingSet() {
        assertThat(RateLimits.NONE.anySet()).isFalse();
        assertThat(RateLimits.NONE.problems()).isEmpty();
    }

    @Test
    void refusesABurstBelowTheRate() {
        RateLimits limits = new RateLimits(new Bucket(20, 10), null, null, null);

        assertThat(limits.problems()).containsExactly(
                "rateLimit.perUser.burst must be at least requestsPerSecond and at most 10000000");
    }

    @Test
    void refusesNegativeValuesNamingEachField() {
        RateLimits limits = new RateLimits(null, new Bucket(-1, 0), -1, -5L);

        assertThat(limits.problems()).containsExactly(
                "rateLimit.tenant.requestsPerSecond must be between 0 (unlimited) and 1000000",
                "rateLimit.maxConcurrentCalls must be between 0 (unlimited) and 100000",
                "rateLimit.maxResponseBytes must be between 0 (unlimited) and 1073741824");
    }

    @Test
    void treatsARateOfZeroAsUnlimited() {
        assertThat(new Bucket(0, 0).unlimited()).isTrue();
        assertThat(new Bucket(1, 1).unlimited()).isFalse();
    }
}
