package dev.mcpgateway.gateway.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.RateLimitReachedException;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jose.util.DefaultResourceRetriever;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.net.URI;
import java.net.URL;
import dev.mcpgateway.gateway.config.GatewayProperties;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtException;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.NimbusReactiveJwtDecoder;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

/**
 * Verifies access tokens from the organisation's IdP ({@code mcpgateway.identity.oidc.*}) with Spring Security's
 * {@link NimbusReactiveJwtDecoder} and validators: asymmetric signatures from the IdP's JWKS only, issuer, audience,
 * {@code exp}/{@code nbf} with clock skew, and an email claim. The JWKS comes from Nimbus' {@link JWKSourceBuilder}
 * (cached, refetched on an unknown {@code kid} at most every {@code jwks-refetch-min-interval}, stale keys kept through
 * an IdP outage), which Spring's reactive JWKS source does not offer. A verified token is remembered (bounded, until
 * its {@code exp}), so the calls of one chat turn or MCP session verify it once.
 */
@Component
class OidcAccessTokens {

    /** Far above any real access token; keeps a hostile header from costing a large parse. */
    private static final int MAX_TOKEN_LENGTH = 16_384;
    private static final int MAX_VALUE_LENGTH = 256;
    /** Algorithm confusion is impossible when only asymmetric algorithms are accepted: an HMAC key is never selected. */
    private static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
            JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256, JWSAlgorithm.ES384,
            JWSAlgorithm.ES512, JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);
    /** Keep the stale key set this long while the IdP cannot be reached. */
    private static final long OUTAGE_TOLERANCE_MILLIS = 24L * 3600 * 1000;
    private static final int FETCH_TIMEOUT_MILLIS = 5000;
    private static final long REFRESH_AHEAD_MIN_TTL_MILLIS = 60_000;

    private final OidcProperties properties;
    private final NimbusReactiveJwtDecoder decoder;
    private final Clock clock;
    private final Cache<String, VerifiedToken> verified;
    private volatile JWKSource<SecurityContext> keys;

    @Autowired
    OidcAccessTokens(OidcProperties properties, GatewayProperties gateway) {
        this(properties, gateway.identity().verifiedTokenCacheSize(), Clock.systemUTC());
    }

    OidcAccessTokens(OidcProperties properties, int verifiedTokenCacheSize, Clock clock) {
        this.properties = properties;
        this.decoder = properties.enabled() ? decoder(properties) : null;
        this.clock = clock;
        // Caffeine rather than a map: bounded, and each entry leaves when its token expires.
        this.verified = Caffeine.newBuilder()
                .executor(Runnable::run) // upkeep on the caller's thread, not a hand-off to the common pool per few reads
                .maximumSize(verifiedTokenCacheSize)
                .expireAfter(Expiry.creating((String token, VerifiedToken person) -> remaining(person.expiresAt())))
                .build();
    }

    /** Whether IdP access tokens are accepted. */
    boolean enabled() {
        return decoder != null;
    }

    /**
     * Whether {@code token} claims to come from the configured IdP: a JWT shape (three dot-separated parts) whose
     * unverified {@code iss} is the configured issuer. Anything else is not an IdP token (e.g. a client key).
     */
    boolean claimsConfiguredIssuer(String token) {
        if (!enabled() || token.length() > MAX_TOKEN_LENGTH || dots(token) != 2) {
            return false;
        }
        try {
            return properties.issuerUri().equals(JWTParser.parse(token).getJWTClaimsSet().getIssuer());
        } catch (ParseException | RuntimeException e) {
            return false;
        }
    }

    /**
     * The person {@code token} identifies; an {@link InvalidIdentityException} (safe to show, never the token) when
     * it is not acceptable, an {@link IdpUnavailableException} when the IdP's keys cannot be had at all.
     */
    Mono<CallerIdentity> verify(String token, String chatId, String messageId) {
        VerifiedToken known = verified.getIfPresent(token);
        if (known != null && clock.instant().isBefore(known.expiresAt())) {
            return Mono.just(known.identity(chatId, messageId));
        }
        return decoder.decode(token)
                .onErrorMap(JwtValidationException.class, e -> new InvalidIdentityException("the access token is not valid: "
                        + describe(e.getErrors())))
                .onErrorMap(e -> e instanceof JwtException && !(e instanceof JwtValidationException), OidcAccessTokens::refusal)
                .flatMap(this::person)
                .doOnNext(person -> verified.put(token, person))
                .map(person -> person.identity(chatId, messageId));
    }

    private Duration remaining(Instant expiresAt) {
        Duration left = Duration.between(clock.instant(), expiresAt);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private Mono<VerifiedToken> person(Jwt jwt) {
        Object value = jwt.getClaims().get(properties.emailClaim());
        String email = value instanceof String text ? text.trim() : null;
        if (email == null || email.isEmpty()) {
            return Mono.error(new InvalidIdentityException("the access token has no " + properties.emailClaim()
                    + " claim: the gateway knows people by email"));
        }
        if (email.indexOf('@') < 1 || email.length() > MAX_VALUE_LENGTH) {
            return Mono.error(new InvalidIdentityException("the access token's " + properties.emailClaim()
                    + " claim is not an email address"));
        }
        return Mono.just(new VerifiedToken(email.toLowerCase(Locale.ROOT), bounded(jwt.getSubject()),
                bounded(jwt.getClaimAsString("name")), jwt.getExpiresAt()));
    }

    /** The person a verified token names, and until when (the validators made sure {@code exp} is present). */
    private record VerifiedToken(String email, String userId, String name, Instant expiresAt) {

        CallerIdentity identity(String chatId, String messageId) {
            return new CallerIdentity(email, userId, name, null, chatId, messageId, null, CallerIdentity.PROOF_OIDC);
        }
    }

    private NimbusReactiveJwtDecoder decoder(OidcProperties properties) {
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ASYMMETRIC, (selector, context) -> keys().get(selector, context)));
        // RFC 9068 access tokens are typed at+jwt; most IdPs send JWT or nothing.
        processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(JOSEObjectType.JWT, new JOSEObjectType("at+jwt"),
                new JOSEObjectType("application/at+jwt"), null));
        // Claims are checked by the Spring validators below, which name what was wrong.
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        // Key fetches block (rarely: cached); signature checks are CPU only. Both stay off the event loop.
        NimbusReactiveJwtDecoder decoder = new NimbusReactiveJwtDecoder(
                jwt -> Mono.fromCallable(() -> processor.process(jwt, null)).subscribeOn(Schedulers.boundedElastic()));
        decoder.setJwtValidator(validator(properties));
        return decoder;
    }

    private static OAuth2TokenValidator<Jwt> validator(OidcProperties properties) {
        List<String> audiences = properties.audiences();
        return new DelegatingOAuth2TokenValidator<>(
                new JwtTimestampValidator(properties.clockSkew()),
                new JwtClaimValidator<Object>(JwtClaimNames.EXP, Objects::nonNull),
                new JwtIssuerValidator(properties.issuerUri()),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                        aud -> aud != null && aud.stream().anyMatch(audiences::contains)));
    }

    /** The IdP's keys, built on first use so that an IdP down at startup does not stop the gateway. */
    private JWKSource<SecurityContext> keys() throws KeySourceException {
        JWKSource<SecurityContext> current = keys;
        if (current == null) {
            synchronized (this) {
                current = keys;
                if (current == null) {
                    URL jwkSetUrl;
                    try {
                        jwkSetUrl = (properties.jwkSetUri() != null ? properties.jwkSetUri() : discoveredJwkSetUri()).toURL();
                    } catch (java.io.IOException | IllegalArgumentException e) {
                        throw new KeySourceException("the IdP's keys could not be located: " + e.getMessage(), e);
                    }
                    long ttl = properties.jwksCacheTtl().toMillis();
                    // Refresh ahead (Nimbus: 30 s before expiry, in the background) needs a lifetime longer than that.
                    boolean refreshAhead = ttl >= REFRESH_AHEAD_MIN_TTL_MILLIS;
                    current = JWKSourceBuilder.create(jwkSetUrl, retriever())
                            .cache(ttl, Math.min(FETCH_TIMEOUT_MILLIS, ttl / 2))
                            .refreshAheadCache(refreshAhead)
                            .rateLimited(properties.jwksRefetchMinInterval().toMillis())
                            .outageTolerant(OUTAGE_TOLERANCE_MILLIS)
                            .retrying(false)
                            .build();
                    keys = current;
                }
            }
        }
        return current;
    }

    /** OpenID Connect discovery: the {@code jwks_uri} of the document whose {@code issuer} is the configured one. */
    private URI discoveredJwkSetUri() throws java.io.IOException {
        String issuer = properties.issuerUri();
        URL url = URI.create((issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer)
                + "/.well-known/openid-configuration").toURL();
        try {
            Map<String, Object> document = JSONObjectUtils.parse(retriever().retrieveResource(url).getContent());
            if (!issuer.equals(document.get("issuer"))) {
                throw new java.io.IOException("the IdP's discovery document names another issuer");
            }
            return URI.create(JSONObjectUtils.getString(document, "jwks_uri"));
        } catch (ParseException | RuntimeException e) {
            throw new java.io.IOException("the IdP's discovery document is not usable", e);
        }
    }

    private static DefaultResourceRetriever retriever() {
        return new DefaultResourceRetriever(FETCH_TIMEOUT_MILLIS, FETCH_TIMEOUT_MILLIS, 1024 * 1024);
    }

    /**
     * An unreadable, unsigned, wrongly signed or unknown-key token is the caller's fault (401); not reaching the IdP
     * for keys while none are cached is the gateway's ({@link IdpUnavailableException}, 503).
     */
    private static Throwable refusal(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof KeySourceException && !(cause instanceof RateLimitReachedException)) {
                return new IdpUnavailableException();
            }
        }
        return new InvalidIdentityException("the access token is not valid: its signature, algorithm or key is not acceptable");
    }

    private static String describe(java.util.Collection<OAuth2Error> errors) {
        List<String> descriptions = new ArrayList<>();
        for (OAuth2Error error : errors) {
            descriptions.add(error.getDescription() != null ? error.getDescription() : error.getErrorCode());
        }
        return String.join("; ", descriptions);
    }

    private static int dots(String token) {
        int count = 0;
        for (int i = 0; i < token.length(); i++) {
            if (token.charAt(i) == '.') {
                count++;
            }
        }
        return count;
    }

    private static String bounded(String value) {
        return value == null || value.length() <= MAX_VALUE_LENGTH ? value : value.substring(0, MAX_VALUE_LENGTH);
    }
}
