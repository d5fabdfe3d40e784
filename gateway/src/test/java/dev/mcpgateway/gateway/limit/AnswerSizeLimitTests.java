package dev.mcpgateway.gateway.limit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgateway.gateway.config.TestGatewayProperties;
import dev.mcpgateway.gateway.directory.BackendType;
import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.policy.AccessLevel;
import dev.mcpgateway.policy.RateLimits;
import dev.mcpgateway.policy.TenantPolicy;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AnswerSizeLimitTests {

    private static final AnswerSizeLimit DEFAULTS = new AnswerSizeLimit(TestGatewayProperties.defaults());

    @Test
    void capsEveryTenantAt16MiBByDefault() {
        assertThat(DEFAULTS.capFor(tenant(null))).isEqualTo(new AnswerCap("acme", 16L * 1024 * 1024));
    }

    @Test
    void usesTheConfiguredDefaultForTenantsThatSetNone() {
        AnswerSizeLimit limit = limit("512KB");

        assertThat(limit.capFor(tenant(null)).maxBytes()).isEqualTo(512 * 1024);
    }

    @Test
    void prefersTheTenantsOwnLimitToTheDefaultEitherWay() {
        AnswerSizeLimit limit = limit("1MB");

        assertThat(limit.capFor(tenant(64L * 1024 * 1024)).maxBytes()).isEqualTo(64L * 1024 * 1024);
        assertThat(limit.capFor(tenant(1000L)).maxBytes()).isEqualTo(1000);
    }

    @Test
    void treatsZeroAsUnlimitedForATenantAndForTheDefault() {
        assertThat(limit("1MB").capFor(tenant(0L)).unlimited()).isTrue();
        assertThat(limit("0").capFor(tenant(null)).unlimited()).isTrue();
        assertThat(limit("0").capFor(tenant(5L)).unlimited()).isFalse();
    }

    @Test
    void refusesANegativeDefaultAtStartup() {
        assertThatThrownBy(() -> limit("-1B")).rootCause()
                .hasMessageContaining("mcpgateway.limits.max-response-size must be 0 (unlimited) or more");
    }

    private static AnswerSizeLimit limit(String maxResponseSize) {
        return new AnswerSizeLimit(TestGatewayProperties.bind(
                Map.of("mcpgateway.limits.max-response-size", maxResponseSize)));
    }

    private static Tenant tenant(Long maxResponseBytes) {
        return new Tenant("acme", "Acme", URI.create("http://127.0.0.1:1"), BackendType.OPENAPI, true, false,
                new TenantPolicy(AccessLevel.READ, List.of()), new RateLimits(null, null, null, maxResponseBytes));
    }
}
