package dev.mcpgateway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RateLimitPropertiesTests {

    @Test
    void limitsNothingAndKeepsBucketsInMemoryByDefault() {
        GatewayProperties.RateLimit rateLimit = TestGatewayProperties.defaults().rateLimit();

        assertThat(rateLimit.perUser().requestsPerSecond()).isZero();
        assertThat(rateLimit.tenant().requestsPerSecond()).isZero();
        assertThat(rateLimit.maxConcurrentCalls()).isZero();
        assertThat(rateLimit.store()).isEqualTo(GatewayProperties.RateLimit.Store.MEMORY);
        assertThat(rateLimit.failClosed()).isFalse();
    }

    @Test
    void takesTheRateAsBurstWhenNoBurstIsSet() {
        GatewayProperties.RateLimit rateLimit = TestGatewayProperties.bind(Map.of(
                "mcpgateway.rate-limit.per-user.requests-per-second", "50",
                "mcpgateway.rate-limit.tenant.requests-per-second", "200",
                "mcpgateway.rate-limit.tenant.burst", "400",
                "mcpgateway.rate-limit.store", "redis")).rateLimit();

        assertThat(rateLimit.perUser().burst()).isEqualTo(50);
        assertThat(rateLimit.tenant().burst()).isEqualTo(400);
        assertThat(rateLimit.store()).isEqualTo(GatewayProperties.RateLimit.Store.REDIS);
    }

    @Test
    void refusesABurstBelowTheRateNamingTheProperty() {
        assertThatThrownBy(() -> TestGatewayProperties.bind(Map.of(
                "mcpgateway.rate-limit.per-user.requests-per-second", "50",
                "mcpgateway.rate-limit.per-user.burst", "10")))
                .rootCause().hasMessageContaining("mcpgateway.rate-limit.*.burst must be at least requests-per-second");
    }

    @Test
    void refusesANegativeConcurrencyLimit() {
        assertThatThrownBy(() -> TestGatewayProperties.bind(Map.of("mcpgateway.rate-limit.max-concurrent-calls", "-1")))
                .rootCause().hasMessageContaining("mcpgateway.rate-limit.max-concurrent-calls must be between 0");
    }
}
