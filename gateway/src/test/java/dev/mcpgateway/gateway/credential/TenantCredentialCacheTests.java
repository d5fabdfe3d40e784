package dev.mcpgateway.gateway.credential;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.mcpgateway.gateway.error.GatewayProblem;
import dev.mcpgateway.testing.FakeVault;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** The cache against a real Spring Vault client and the KV v2 stand-in, with a clock the test moves. */
@ExtendWith(OutputCaptureExtension.class)
class TenantCredentialCacheTests {

    /** The longest wait for a background refresh; generous because CI machines can be loaded (it returns at once when done). */
    private static final Duration BACKGROUND_WORK = Duration.ofSeconds(20);


    private static final Duration TTL = Duration.ofSeconds(60);
    private static final Duration GRACE = Duration.ofMinutes(15);
    private static final String PATH = "mcp-gateway/tenants/google";

    private final MovableClock clock = new MovableClock();
    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private FakeVault vault;
    private TenantCredentialCache cache;

    @BeforeEach
    void start() {
        vault = FakeVault.start("root-token", "secret");
        cache = TestCredentialCaches.over(vault, registry, clock);
    }

    @AfterEach
    void stop() {
        vault.close();
    }

    @Test
    void readsVaultOnceAndServesFromMemoryWithinTheTtl() {
        vault.put(PATH, Map.of("api_key", "key-one"));

        assertThat(authorization()).isEqualTo("Bearer key-one");
        clock.advance(TTL.minusSeconds(1));
        assertThat(authorization()).isEqualTo("Bearer key-one");

        assertThat(vault.dataReads()).isEqualTo(1);
        assertThat(counted("miss")).isEqualTo(1);
        assertThat(counted("hit")).isEqualTo(1);
    }

    @Test
    void answersAStaleEntryAtOnceAndRefreshesItInTheBackground() {
        vault.put(PATH, Map.of("api_key", "key-one"));
        assertThat(authorization()).isEqualTo("Bearer key-one");
        vault.put(PATH, Map.of("api_key", "key-two"));
        clock.advance(TTL.plusSeconds(1));

        // Served from memory, not from the read it starts: the caller gets the old value.
        assertThat(authorization()).isEqualTo("Bearer key-one");
        await().atMost(BACKGROUND_WORK).until(() -> vault.dataReads() == 2 && counted("refresh") == 2);

        assertThat(authorization()).isEqualTo("Bearer key-two");
        assertThat(vault.dataReads()).isEqualTo(2);
        assertThat(counted("stale")).isEqualTo(1);
    }

    @Test
    void keepsServingCachedCredentialsWithinTheGracePeriodWhileVaultIsDown(CapturedOutput output) {
        vault.put(PATH, Map.of("api_key", "key-one", "jira_url", "https://jira.example/secret-path"));
        assertThat(authorization()).isEqualTo("Bearer key-one");
        vault.stop();
        clock.advance(TTL.plusSeconds(1));

        assertThat(authorization()).isEqualTo("Bearer key-one");
        await().atMost(BACKGROUND_WORK).until(() -> counted("failure") == 1);
        clock.advance(GRACE.minusSeconds(2));
        assertThat(authorization()).isEqualTo("Bearer key-one");

        assertThat(counted("grace")).isEqualTo(1);
        assertThat(output).contains("Could not refresh credentials for tenant 'google' from Vault",
                "serving cached credentials until");
        assertThat(output).doesNotContain("key-one", "secret-path");
    }

    @Test
    void refusesWithServiceUnavailableOncePastTheGracePeriod() {
        vault.put(PATH, Map.of("api_key", "key-one"));
        assertThat(authorization()).isEqualTo("Bearer key-one");
        vault.seal();
        clock.advance(TTL.plus(GRACE));

        assertThatThrownBy(this::authorization)
                .isInstanceOfSatisfying(GatewayProblem.class, problem -> {
                    assertThat(problem.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
                    assertThat(problem.problem().getDetail())
                            .isEqualTo("credentials for tenant 'google' are unavailable; try again shortly");
                });
    }

    @Test
    void refusesATenantWithNothingCachedWhileVaultIsDownAndServesItOnceVaultIsBack(CapturedOutput output) {
        vault.put(PATH, Map.of("api_key", "key-one"));
        vault.seal();

        assertThatThrownBy(this::authorization)
                .isInstanceOfSatisfying(GatewayProblem.class,
                        problem -> assertThat(problem.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
        assertThat(output).contains("Could not read credentials for tenant 'google' from Vault");

        vault.unseal();
        assertThat(authorization()).isEqualTo("Bearer key-one");
        assertThat(output).contains("Credentials for tenant 'google' read from Vault again").doesNotContain("key-one");
    }

    @Test
    void picksUpNewCredentialsAfterVaultRecoversFromAFailedRefresh() {
        servedFromCacheAfterARefreshFailedOnSealedVault();

        vault.put(PATH, Map.of("api_key", "key-two"));
        vault.unseal();
        clock.advance(TenantCredentialCache.RETRY_AFTER_FAILURE);
        assertThat(authorization()).isEqualTo("Bearer key-one");
        await().atMost(BACKGROUND_WORK).until(() -> counted("refresh") == 2);

        assertThat(authorization()).isEqualTo("Bearer key-two");
    }

    @Test
    void waitsBeforeRetryingAFailedRefresh() {
        servedFromCacheAfterARefreshFailedOnSealedVault();

        for (int i = 0; i < 5; i++) {
            assertThat(authorization()).isEqualTo("Bearer key-one");
        }

        assertThat(counted("failure")).isEqualTo(1);

        clock.advance(TenantCredentialCache.RETRY_AFTER_FAILURE);
        assertThat(authorization()).isEqualTo("Bearer key-one");
        await().atMost(BACKGROUND_WORK).until(() -> counted("failure") == 2);
    }

    @Test
    void dropsEntriesPastTheirGracePeriodFromMemory() {
        vault.put(PATH, Map.of("api_key", "key-one"));
        authorization();
        cache.evictExpired();
        assertThat(registry.get("mcpgateway.vault.cache.entries").gauge().value()).isEqualTo(1);

        clock.advance(TTL.plus(GRACE));
        cache.evictExpired();

        assertThat(registry.get("mcpgateway.vault.cache.entries").gauge().value()).isZero();
    }

    @Test
    void givesNoHeadersToATenantWithoutASecretAndCachesThat() {
        assertThat(cache.headersFor("google").block().isEmpty()).isTrue();
        assertThat(cache.headersFor("google").block().isEmpty()).isTrue();

        assertThat(vault.dataReads()).isEqualTo(1);
    }

    @Test
    void refusesSomethingThatIsNotATenantIdWithoutAskingVault() {
        assertThatThrownBy(() -> cache.headersFor("../../sys/raw").block())
                .isInstanceOfSatisfying(GatewayProblem.class,
                        problem -> assertThat(problem.status()).isEqualTo(HttpStatus.NOT_FOUND));
        assertThat(vault.dataReads()).isZero();
    }

    @Test
    void keepsSecretValuesOutOfEveryMetric() {
        vault.put(PATH, Map.of("api_key", "key-one", "jira_url", "hidden-url"));
        authorization();
        vault.seal();
        clock.advance(TTL.plus(GRACE));
        assertThatThrownBy(this::authorization).isInstanceOf(GatewayProblem.class);

        assertThat(registry.getMeters()).isNotEmpty();
        for (Meter meter : registry.getMeters()) {
            String described = meter.getId().getName() + meter.getId().getTags().stream().map(Tag::getValue).toList();
            assertThat(described).doesNotContain("key-one", "hidden-url", "google");
        }
    }

    /** Caches {@code key-one}, seals Vault, and lets the first refresh after the TTL fail. */
    private void servedFromCacheAfterARefreshFailedOnSealedVault() {
        vault.put(PATH, Map.of("api_key", "key-one"));
        assertThat(authorization()).isEqualTo("Bearer key-one");
        vault.seal();
        clock.advance(TTL.plusSeconds(1));
        assertThat(authorization()).isEqualTo("Bearer key-one");
        await().atMost(BACKGROUND_WORK).until(() -> counted("failure") == 1);
    }

    private String authorization() {
        HttpHeaders headers = new HttpHeaders();
        cache.headersFor("google").block(Duration.ofSeconds(10)).applyTo(headers);
        return headers.getFirst(HttpHeaders.AUTHORIZATION);
    }

    private double counted(String result) {
        return registry.get("mcpgateway.vault.cache").tag("result", result).counter().count();
    }

    /** A clock the test moves forward, so TTL and grace are tested without waiting. */
    private static final class MovableClock extends Clock {

        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
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
