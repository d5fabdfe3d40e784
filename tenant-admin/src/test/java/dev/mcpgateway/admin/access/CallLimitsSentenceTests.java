package dev.mcpgateway.admin.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.policy.RateLimits;
import dev.mcpgateway.policy.RateLimits.Bucket;
import org.junit.jupiter.api.Test;

class CallLimitsSentenceTests {

    @Test
    void saysTheIssueExampleInOneSentence() {
        RateLimits limits = new RateLimits(new Bucket(20, 40), new Bucket(200, 400), 64, 16_777_216L);

        assertThat(CallLimitsSentence.of("john@company.com", "google", limits)).isEqualTo(
                "john@company.com may make 20 calls/s to google (burst 40); all members together 200 calls/s"
                        + " (burst 400); at most 64 calls at once; answers up to 16 MiB.");
    }

    @Test
    void saysTheGatewaysDefaultForEveryPartThatIsNotSet() {
        assertThat(CallLimitsSentence.of("ada@acme.io", "acme", RateLimits.NONE)).isEqualTo(
                "ada@acme.io may make calls to acme at the gateway's default rate per person; all members together"
                        + " at the gateway's default rate; calls at once: the gateway's default; answers up to the"
                        + " gateway's default size.");
    }

    @Test
    void saysUnlimitedForZero() {
        RateLimits limits = new RateLimits(new Bucket(0, 0), new Bucket(0, 0), 0, 0L);

        assertThat(CallLimitsSentence.of("ada@acme.io", "acme", limits)).isEqualTo(
                "ada@acme.io may make calls to acme without a rate limit per person; all members together without a"
                        + " rate limit; any number of calls at once; answers of any size.");
    }

    @Test
    void givesAnswerSizesThatAreNotWholeMebibytesInBytes() {
        RateLimits limits = new RateLimits(null, null, 1, 1000L);

        assertThat(CallLimitsSentence.of("ada@acme.io", "acme", limits))
                .contains("; at most 1 call at once; answers up to 1000 bytes.");
    }
}
