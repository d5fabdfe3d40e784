package dev.mcpgateway.admin.signin;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.admin.system.AdminProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SignInThrottleTests {

    private static final String HOME = "192.0.2.10";
    private static final String ELSEWHERE = "198.51.100.7";

    private final MovableClock clock = new MovableClock();
    private final List<Object> events = new ArrayList<>();
    private final SignInThrottle throttle = new SignInThrottle(new AdminProperties.SignInThrottle(true, 3, 10,
            Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofMinutes(10), 1000), clock, events::add);

    @Test
    void allowsAFewFailuresThenLocksTheAccountForTheFirstLock() {
        fail("bob", HOME, 2);
        assertThat(throttle.retryAfter("bob", HOME)).isEmpty();
        fail("bob", HOME, 1);
        assertThat(throttle.retryAfter("bob", HOME)).contains(Duration.ofSeconds(5));
        assertThat(throttle.retryAfter("BOB ", ELSEWHERE)).contains(Duration.ofSeconds(5));
        assertThat(throttle.retryAfter("alice", ELSEWHERE)).isEmpty();
        assertThat(events).containsExactly(new SignInLocked(SignInLocked.Subject.ACCOUNT, "bob", 3, Duration.ofSeconds(5)));
    }

    @Test
    void doublesTheLockWithEachFurtherFailureUpToTheLongestLock() {
        fail("bob", HOME, 3);
        List<Duration> locks = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            clock.advance(Duration.ofMinutes(2));
            fail("bob", HOME, 1);
            locks.add(throttle.retryAfter("bob", HOME).orElseThrow());
        }
        assertThat(locks).containsExactly(Duration.ofSeconds(10), Duration.ofSeconds(20), Duration.ofSeconds(40),
                Duration.ofSeconds(60), Duration.ofSeconds(60), Duration.ofSeconds(60));
    }

    @Test
    void lockEndsByItselfWithTime() {
        fail("bob", HOME, 3);
        clock.advance(Duration.ofSeconds(4));
        assertThat(throttle.retryAfter("bob", HOME)).contains(Duration.ofSeconds(1));
        clock.advance(Duration.ofSeconds(1));
        assertThat(throttle.retryAfter("bob", HOME)).isEmpty();
    }

    @Test
    void failuresAreForgottenAfterAQuietPeriod() {
        fail("bob", HOME, 2);
        clock.advance(Duration.ofMinutes(11));
        fail("bob", HOME, 2);
        assertThat(throttle.retryAfter("bob", HOME)).isEmpty();
    }

    @Test
    void successfulSignInClearsTheAccountsFailuresButNotTheAddresss() {
        fail("bob", HOME, 2);
        throttle.succeeded("bob");
        fail("bob", HOME, 2);
        assertThat(throttle.retryAfter("bob", HOME)).isEmpty();

        String sprayer = "192.0.2.99";
        for (int i = 0; i < 10; i++) {
            throttle.failed("user" + i, sprayer);
            throttle.succeeded("user" + i);
        }
        assertThat(throttle.retryAfter("carol", sprayer)).contains(Duration.ofSeconds(5));
        assertThat(throttle.retryAfter("carol", ELSEWHERE)).isEmpty();
    }

    @Test
    void tokenFailuresCountAgainstTheAddressOnly() {
        fail(null, HOME, 10);
        assertThat(throttle.retryAfter(null, HOME)).contains(Duration.ofSeconds(5));
        assertThat(throttle.retryAfter("bob", ELSEWHERE)).isEmpty();
        assertThat(events).containsExactly(new SignInLocked(SignInLocked.Subject.ADDRESS, HOME, 10, Duration.ofSeconds(5)));
    }

    @Test
    void disabledThrottleNeverLocks() {
        SignInThrottle off = new SignInThrottle(new AdminProperties.SignInThrottle(false, 1, 1,
                Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofMinutes(10), 1000), clock, events::add);
        for (int i = 0; i < 5; i++) {
            off.failed("bob", HOME);
        }
        assertThat(off.retryAfter("bob", HOME)).isEmpty();
    }

    private void fail(String account, String address, int times) {
        for (int i = 0; i < times; i++) {
            throttle.failed(account, address);
        }
    }

    /** A clock the test moves forward. */
    private static final class MovableClock extends Clock {

        private Instant now = Instant.parse("2026-12-03T10:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneId.of("UTC");
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
