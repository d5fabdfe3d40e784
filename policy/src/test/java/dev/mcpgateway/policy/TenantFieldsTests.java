package dev.mcpgateway.policy;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TenantFieldsTests {

    @Test
    void acceptsHttpAndHttpsUrlsWithAHost() {
        assertThat(TenantFields.isBackendUrl("http://mcpo:8000")).isTrue();
        assertThat(TenantFields.isBackendUrl("https://tools.example/google/")).isTrue();
    }

    @Test
    void refusesUrlsTheDatabaseConstraintRefuses() {
        assertThat(TenantFields.isBackendUrl("HTTP://mcpo:8000")).as("upper-case scheme").isFalse();
        assertThat(TenantFields.isBackendUrl("ftp://mcpo")).isFalse();
        assertThat(TenantFields.isBackendUrl("http:///path")).as("no host").isFalse();
        assertThat(TenantFields.isBackendUrl("http://mcpo/a b")).isFalse();
        assertThat(TenantFields.isBackendUrl("http://mcpo/" + "a".repeat(2048))).isFalse();
        assertThat(TenantFields.isBackendUrl(null)).isFalse();
    }

    @Test
    void limitsDisplayNamesToTwoHundredCharacters() {
        assertThat(TenantFields.isDisplayName("Acme")).isTrue();
        assertThat(TenantFields.isDisplayName("x".repeat(200))).isTrue();
        assertThat(TenantFields.isDisplayName("x".repeat(201))).isFalse();
        assertThat(TenantFields.isDisplayName("  ")).isFalse();
    }
}
