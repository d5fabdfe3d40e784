package dev.mcpgateway.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.mcpgateway.gateway.config.GatewayProperties;
import dev.mcpgateway.gateway.config.TestGatewayProperties;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OpenWebUiJwtVerifierTests {

    private final MutableClock clock = new MutableClock(Instant.now());
    private final OpenWebUiJwtVerifier verifier = verifier(OpenWebUiTokens.SECRET, Duration.ofSeconds(30));

    @Test
    void takesUserClaimsFromValidToken() throws Exception {
        String token = OpenWebUiTokens.forUser(OpenWebUiTokens.SECRET, "u-42", "John@Company.COM", "John Doe", "admin");

        OpenWebUiUser user = verifier.verify(token);

        assertThat(user.email()).isEqualTo("john@company.com");
        assertThat(user.userId()).isEqualTo("u-42");
        assertThat(user.name()).isEqualTo("John Doe");
        assertThat(user.role()).isEqualTo("admin");
    }

    @Test
    void refusesTokenSignedWithAnotherSecret() {
        String forged = OpenWebUiTokens.forUser("another-secret-that-is-long-enough-for-hs256-0123456789", "admin@company.com");

        assertRefused(forged, "signature does not verify");
    }

    @Test
    void refusesTokenWhosePayloadWasSwapped() throws Exception {
        String genuine = OpenWebUiTokens.forUser("john@company.com");
        String other = OpenWebUiTokens.forUser("admin@company.com");
        String[] parts = genuine.split("\\.");
        String swapped = parts[0] + "." + other.split("\\.")[1] + "." + parts[2];

        assertRefused(swapped, "signature does not verify");
    }

    @Test
    void refusesTokenExpiredBeyondClockSkew() {
        String token = tokenExpiringIn(Duration.ofSeconds(-31));

        assertRefused(token, "expired");
    }

    @Test
    void acceptsTokenExpiredWithinClockSkew() throws Exception {
        String token = tokenExpiringIn(Duration.ofSeconds(-20));

        assertThat(verifier.verify(token).email()).isEqualTo("john@company.com");
    }

    @Test
    void refusesCachedTokenOnceItExpires() throws Exception {
        String token = tokenExpiringIn(Duration.ofSeconds(60));
        assertThat(verifier.verify(token)).isNotNull();

        clock.advance(Duration.ofSeconds(91));

        assertRefused(token, "expired");
    }

    @Test
    void verifiesEachTokenOnce() throws Exception {
        String token = OpenWebUiTokens.forUser("john@company.com");

        assertThat(verifier.verify(token)).isSameAs(verifier.verify(token));
    }

    @Test
    void refusesTokenWithoutExpiry() {
        String token = OpenWebUiTokens.sign(OpenWebUiTokens.SECRET,
                OpenWebUiTokens.claims("john@company.com").expirationTime(null).build());

        assertRefused(token, "no expiry");
    }

    @Test
    void refusesTokenFromAnotherIssuer() {
        String token = OpenWebUiTokens.sign(OpenWebUiTokens.SECRET,
                OpenWebUiTokens.claims("john@company.com").issuer("someone-else").build());

        assertRefused(token, "issuer must be open-webui");
    }

    @Test
    void refusesTokenWithoutIssuer() {
        String token = OpenWebUiTokens.sign(OpenWebUiTokens.SECRET,
                OpenWebUiTokens.claims("john@company.com").issuer(null).build());

        assertRefused(token, "issuer must be open-webui");
    }

    @Test
    void refusesTokenWithoutEmail() {
        String token = OpenWebUiTokens.sign(OpenWebUiTokens.SECRET,
                OpenWebUiTokens.claims("john@company.com").claim("email", null).build());

        assertRefused(token, "no email claim");
    }

    @Test
    void refusesTokenWhoseEmailIsNotAnEmailAddress() {
        String token = OpenWebUiTokens.sign(OpenWebUiTokens.SECRET,
                OpenWebUiTokens.claims("john@company.com").claim("email", "john").build());

        assertRefused(token, "not an email address");
    }

    @Test
    void refusesTokenNotValidYet() {
        String token = OpenWebUiTokens.sign(OpenWebUiTokens.SECRET, OpenWebUiTokens.claims("john@company.com")
                .notBeforeTime(Date.from(clock.instant().plusSeconds(120))).build());

        assertRefused(token, "not valid yet");
    }

    @Test
    void refusesUnsecuredToken() {
        String token = OpenWebUiTokens.unsecured(OpenWebUiTokens.claims("admin@company.com").build());

        assertRefused(token, "must be signed with HS256");
    }

    @Test
    void refusesUnsecuredTokenCarryingTheGenuineSignature() {
        // alg=none with a signature appended: the header alone decides, never the presence of a signature.
        String genuine = OpenWebUiTokens.forUser("admin@company.com");
        String noneHeader = java.util.Base64.getUrlEncoder().withoutPadding()
                .encodeToString("{\"alg\":\"none\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        String[] parts = genuine.split("\\.");

        assertRefused(noneHeader + "." + parts[1] + "." + parts[2], null);
    }

    @Test
    void refusesHs512EvenWithTheRightSecret() {
        String token = OpenWebUiTokens.sign(OpenWebUiTokens.SECRET, JWSAlgorithm.HS512,
                OpenWebUiTokens.claims("john@company.com").build());

        assertRefused(token, "must be signed with HS256");
    }

    @Test
    void refusesHs384EvenWithTheRightSecret() {
        String token = OpenWebUiTokens.sign(OpenWebUiTokens.SECRET, JWSAlgorithm.HS384,
                OpenWebUiTokens.claims("john@company.com").build());

        assertRefused(token, "must be signed with HS256");
    }

    @Test
    void refusesRs256() throws Exception {
        RSAKey key = new RSAKeyGenerator(2048).generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader(JWSAlgorithm.RS256), OpenWebUiTokens.claims("john@company.com").build());
        jwt.sign(new RSASSASigner(key));

        assertRefused(jwt.serialize(), "must be signed with HS256");
    }

    @Test
    void refusesGarbage() {
        assertRefused("not-a-token", "malformed");
        assertRefused("a.b.c", "malformed");
        assertRefused("", "malformed");
    }

    @Test
    void refusesOversizedToken() {
        assertRefused("x".repeat(10_000), "too long");
    }

    @Test
    void refusesSecretShorterThan32BytesWithClearMessage() {
        assertThatThrownBy(() -> identity("too-short-secret", Duration.ofSeconds(30)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mcpgateway.identity.openwebui-jwt-secret must be at least 32 bytes");
    }

    @Test
    void refusesClockSkewAbove30SecondsWithClearMessage() {
        assertThatThrownBy(() -> identity(OpenWebUiTokens.SECRET, Duration.ofSeconds(31)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("mcpgateway.identity.clock-skew must be between 0s and 30s");
    }

    @Test
    void failsBindingOfTooLargeClockSkewWithClearMessage() {
        assertThatThrownBy(() -> TestGatewayProperties.bind(Map.of("mcpgateway.identity.clock-skew", "60s")))
                .rootCause().hasMessage("mcpgateway.identity.clock-skew must be between 0s and 30s (was 60000ms)");
    }

    @Test
    void failsBindingOfShortSecretWithClearMessage() {
        assertThatThrownBy(() -> TestGatewayProperties.bind(Map.of("mcpgateway.identity.openwebui-jwt-secret", "secret")))
                .rootCause().hasMessageStartingWith("mcpgateway.identity.openwebui-jwt-secret must be at least 32 bytes");
    }

    @Test
    void treatsBlankSecretAsSignedIdentityOff() {
        assertThat(new OpenWebUiJwtVerifier(identity("  ", Duration.ofSeconds(30)), clock).enabled()).isFalse();
        assertThat(verifier.enabled()).isTrue();
    }

    @Test
    void neverRendersTheSecret() {
        assertThat(identity(OpenWebUiTokens.SECRET, Duration.ofSeconds(30)).toString()).doesNotContain(OpenWebUiTokens.SECRET);
    }

    private String tokenExpiringIn(Duration fromNow) {
        Instant now = clock.instant();
        JWTClaimsSet claims = OpenWebUiTokens.claims("john@company.com")
                .issueTime(Date.from(now.minusSeconds(300)))
                .expirationTime(Date.from(now.plus(fromNow)))
                .build();
        return OpenWebUiTokens.sign(OpenWebUiTokens.SECRET, claims);
    }

    private void assertRefused(String token, String reason) {
        var refusal = assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(InvalidIdentityException.class);
        if (reason != null) {
            refusal.hasMessageContaining(reason);
        }
    }

    private OpenWebUiJwtVerifier verifier(String secret, Duration skew) {
        return new OpenWebUiJwtVerifier(identity(secret, skew), clock);
    }

    private static GatewayProperties.Identity identity(String secret, Duration skew) {
        return new GatewayProperties.Identity(secret, false, skew, 100);
    }

    /** A clock tests move forward, to expire cached tokens without waiting. */
    static final class MutableClock extends Clock {

        private volatile Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
