package dev.mcpgateway.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link OidcAccessTokens} against a real authorization server ({@link TestAuthorizationServer}): discovery, the JWKS
 * cache through an IdP outage, key rotation, the rate limit on refetches for unknown key ids, and verified tokens
 * remembered until they expire.
 */
class OidcAccessTokensTests {

    private static final String AUDIENCE = "mcp-gateway";
    private static final Duration VERIFY_TIMEOUT = Duration.ofSeconds(15);

    private final TestAuthorizationServer idp = TestAuthorizationServer.start();

    @AfterEach
    void stopIdp() {
        idp.close();
    }

    @Test
    void aTokenFromTheIdpIdentifiesThePersonByTheEmailClaimFoundThroughDiscovery() {
        OidcAccessTokens tokens = tokens(null, Duration.ofMinutes(5), Duration.ofSeconds(5));
        String token = idp.token(Map.of("email", "John@Company.com", "name", "John Doe", "aud", List.of(AUDIENCE)));

        assertThat(tokens.claimsConfiguredIssuer(token)).isTrue();
        CallerIdentity caller = tokens.verify(token, "chat-1", null).block(VERIFY_TIMEOUT);

        assertThat(caller.email()).isEqualTo("john@company.com");
        assertThat(caller.name()).isEqualTo("John Doe");
        assertThat(caller.userId()).isEqualTo(TestAuthorizationServer.CLIENT_ID);
        assertThat(caller.chatId()).isEqualTo("chat-1");
        assertThat(caller.client()).isNull();
    }

    @Test
    void onlyJwtShapedTokensNamingTheConfiguredIssuerAreTreatedAsIdpTokens() {
        OidcAccessTokens tokens = tokens(null, Duration.ofMinutes(5), Duration.ofSeconds(5));

        assertThat(tokens.claimsConfiguredIssuer("a-client-key-0123456789")).isFalse();
        assertThat(tokens.claimsConfiguredIssuer("a.b.c")).isFalse();
        assertThat(tokens.claimsConfiguredIssuer(idp.sign(idp.claims("john@company.com", AUDIENCE)
                .issuer("https://another-idp.example").build()))).isFalse();
        assertThat(tokens.claimsConfiguredIssuer(idp.sign(idp.claims("john@company.com", AUDIENCE).build()))).isTrue();
    }

    @Test
    void validTokensKeepWorkingWhileTheIdpIsDownAfterTheKeysWereFetched() {
        // A cache lifetime of 200 ms: every verification after the outage starts needs the outage tolerance.
        OidcAccessTokens tokens = tokens(null, Duration.ofMillis(200), Duration.ofMillis(0));
        String token = idp.tokenFor("john@company.com", AUDIENCE);
        assertThat(tokens.verify(token, null, null).block(VERIFY_TIMEOUT).email()).isEqualTo("john@company.com");
        // Verified tokens are remembered: each check below verifies a token not seen before, so it needs the keys.
        Iterator<String> unseen = signedByTheIdp(200).iterator();

        idp.stop();

        // Held for three cache lifetimes: the keys expire and cannot be refetched, and tokens still verify.
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(
                () -> "john@company.com".equals(tokens.verify(unseen.next(), null, null).block(VERIFY_TIMEOUT).email()));
    }

    @Test
    void tokensAreRefusedWith503NotAs401WhileTheIdpIsDownBeforeAnyKeyWasFetched() {
        OidcAccessTokens tokens = tokens(null, Duration.ofMinutes(5), Duration.ofSeconds(5));
        String token = idp.tokenFor("john@company.com", AUDIENCE);
        idp.stop();

        assertThatThrownBy(() -> tokens.verify(token, null, null).block(VERIFY_TIMEOUT))
                .isInstanceOf(IdpUnavailableException.class);
    }

    @Test
    void aTokenSignedWithTheIdpsNewKeyIsAcceptedWithinSecondsOfTheRotation() {
        OidcAccessTokens tokens = tokens(null, Duration.ofMinutes(5), Duration.ofSeconds(1));
        assertThat(tokens.verify(idp.tokenFor("john@company.com", AUDIENCE), null, null).block(VERIFY_TIMEOUT)).isNotNull();

        idp.rotateKey();
        String signedWithNewKey = idp.tokenFor("sarah@google.com", AUDIENCE);

        await().atMost(Duration.ofSeconds(5)).ignoreExceptions().untilAsserted(() ->
                assertThat(tokens.verify(signedWithNewKey, null, null).block(VERIFY_TIMEOUT).email()).isEqualTo("sarah@google.com"));
    }

    @Test
    void unknownKeyIdsCauseAtMostOneJwksFetchPerRefetchInterval() {
        OidcAccessTokens tokens = tokens(URI.create(idp.issuer() + "/oauth2/jwks"), Duration.ofMinutes(5), Duration.ofMinutes(1));
        assertThat(tokens.verify(idp.tokenFor("john@company.com", AUDIENCE), null, null).block(VERIFY_TIMEOUT)).isNotNull();
        int fetchesBefore = idp.jwksFetches();

        for (int i = 0; i < 5; i++) {
            String unknownKid = TestAuthorizationServer.signWith(TestAuthorizationServer.newKey(),
                    idp.claims("john@company.com", AUDIENCE).build());
            assertThatThrownBy(() -> tokens.verify(unknownKid, null, null).block(VERIFY_TIMEOUT))
                    .hasCauseInstanceOf(InvalidIdentityException.class);
        }

        assertThat(idp.jwksFetches() - fetchesBefore).isLessThanOrEqualTo(1);
    }

    @Test
    void aVerifiedTokenKeepsWorkingAfterItsKeyLeftTheIdpsKeySet() {
        OidcAccessTokens tokens = tokens(null, Duration.ofMillis(200), Duration.ofMillis(0));
        String verified = idp.tokenFor("john@company.com", AUDIENCE);
        assertThat(tokens.verify(verified, null, null).block(VERIFY_TIMEOUT).email()).isEqualTo("john@company.com");
        Iterator<String> unseen = signedByTheIdp(200).iterator();

        idp.rotateKey();

        // Once the gateway's keys are refreshed, a token signed with the old key and never verified is refused ...
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().until(() -> {
            try {
                tokens.verify(unseen.next(), null, null).block(VERIFY_TIMEOUT);
                return false;
            } catch (RuntimeException refused) {
                return refused.getCause() instanceof InvalidIdentityException;
            }
        });
        // ... while the token verified before is remembered and needs no key.
        assertThat(tokens.verify(verified, "chat-2", null).block(VERIFY_TIMEOUT))
                .satisfies(caller -> assertThat(caller.email()).isEqualTo("john@company.com"))
                .satisfies(caller -> assertThat(caller.chatId()).isEqualTo("chat-2"));
    }

    @Test
    void aRememberedTokenIsRefusedOnceItExpires() {
        OidcAccessTokens tokens = new OidcAccessTokens(new OidcProperties(idp.issuer(), List.of(AUDIENCE), "email", null,
                List.of(), Duration.ZERO, Duration.ofMinutes(5), Duration.ofSeconds(5)), 100, Clock.systemUTC());
        Instant now = Instant.now();
        String shortLived = idp.sign(idp.claims("john@company.com", AUDIENCE)
                .expirationTime(Date.from(now.plusSeconds(2))).build());
        assertThat(tokens.verify(shortLived, null, null).block(VERIFY_TIMEOUT).email()).isEqualTo("john@company.com");

        await().atMost(Duration.ofSeconds(10)).until(() -> {
            try {
                tokens.verify(shortLived, null, null).block(VERIFY_TIMEOUT);
                return false;
            } catch (RuntimeException refused) {
                return refused.getCause() instanceof InvalidIdentityException invalid
                        && invalid.getMessage().contains("expired");
            }
        });
    }

    /** Distinct tokens for john, signed with the IdP's current key. */
    private List<String> signedByTheIdp(int count) {
        List<String> tokens = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tokens.add(idp.sign(idp.claims("john@company.com", AUDIENCE).build()));
        }
        return tokens;
    }

    private OidcAccessTokens tokens(URI jwkSetUri, Duration cacheTtl, Duration refetchMinInterval) {
        return new OidcAccessTokens(new OidcProperties(idp.issuer(), List.of(AUDIENCE), "email", jwkSetUri, List.of(),
                Duration.ofSeconds(60), cacheTtl, refetchMinInterval), 10_000, Clock.systemUTC());
    }
}
