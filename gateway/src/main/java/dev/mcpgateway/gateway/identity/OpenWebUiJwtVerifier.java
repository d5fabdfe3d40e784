package dev.mcpgateway.gateway.identity;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.JWTParser;
import com.nimbusds.jwt.SignedJWT;
import dev.mcpgateway.gateway.config.GatewayProperties;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.time.Clock;
import java.time.Duration;
import java.util.Date;
import java.util.Locale;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Verifies the {@code X-OpenWebUI-User-Jwt} Open WebUI signs with {@code FORWARD_USER_INFO_HEADER_JWT_SECRET}:
 * HS256 only, {@code iss=open-webui}, {@code exp} required (small clock skew), {@code email} required.
 * Each token is verified once and then served from a bounded cache until it expires, which keeps the hot path cheap.
 */
@Component
class OpenWebUiJwtVerifier {

    static final String ISSUER = "open-webui";

    /** Far above anything Open WebUI sends; keeps a hostile header from costing a large parse. */
    private static final int MAX_TOKEN_LENGTH = 8192;

    private static final InvalidIdentityException EXPIRED = new InvalidIdentityException("the identity token has expired");

    private final MACVerifier signatureVerifier;
    private final long clockSkewMillis;
    private final Clock clock;
    private final Cache<String, OpenWebUiUser> verified;

    @Autowired
    OpenWebUiJwtVerifier(GatewayProperties properties) {
        this(properties.identity(), Clock.systemUTC());
    }

    OpenWebUiJwtVerifier(GatewayProperties.Identity identity, Clock clock) {
        this.signatureVerifier = identity.signedIdentityEnabled() ? macVerifier(identity.openwebuiJwtSecret()) : null;
        this.clockSkewMillis = identity.clockSkew().toMillis();
        this.clock = clock;
        this.verified = Caffeine.newBuilder()
                .executor(Runnable::run) // upkeep on the caller's thread, not a hand-off to the common pool per few reads
                .maximumSize(identity.verifiedTokenCacheSize())
                .expireAfter(Expiry.creating((String token, OpenWebUiUser user) -> Duration.ofMillis(
                        Math.max(0, user.expiresAtMillis() + clockSkewMillis - clock.millis()))))
                .build();
    }

    /** Whether a secret is configured; without one, {@code X-OpenWebUI-User-Jwt} is ignored. */
    boolean enabled() {
        return signatureVerifier != null;
    }

    /**
     * The user the token proves.
     *
     * @throws InvalidIdentityException when the token is malformed, not HS256, forged, expired, from another
     *                                  issuer or without an email
     */
    OpenWebUiUser verify(String token) throws InvalidIdentityException {
        if (signatureVerifier == null) {
            throw new IllegalStateException("signed identity is not configured (mcpgateway.identity.openwebui-jwt-secret)");
        }
        OpenWebUiUser user = verified.getIfPresent(token);
        if (user == null) {
            user = verifyUncached(token);
            verified.put(token, user);
        }
        if (clock.millis() > user.expiresAtMillis() + clockSkewMillis) {
            verified.invalidate(token);
            throw EXPIRED;
        }
        return user;
    }

    private OpenWebUiUser verifyUncached(String token) throws InvalidIdentityException {
        if (token.length() > MAX_TOKEN_LENGTH) {
            throw new InvalidIdentityException("the identity token is too long");
        }
        SignedJWT signed = signedWithHs256(token);
        try {
            if (!signed.verify(signatureVerifier)) {
                throw new InvalidIdentityException("the identity token's signature does not verify");
            }
            return user(signed.getJWTClaimsSet());
        } catch (JOSEException | ParseException e) {
            throw new InvalidIdentityException("the identity token is malformed");
        }
    }

    private static SignedJWT signedWithHs256(String token) throws InvalidIdentityException {
        JWT jwt;
        try {
            jwt = JWTParser.parse(token);
        } catch (ParseException e) {
            throw new InvalidIdentityException("the identity token is malformed");
        }
        // Checked on the parsed header, before any key is used: alg=none, RS256 (key confusion), HS384/512 all fail here.
        if (!(jwt instanceof SignedJWT signed) || !JWSAlgorithm.HS256.equals(signed.getHeader().getAlgorithm())) {
            throw new InvalidIdentityException("the identity token must be signed with HS256");
        }
        return signed;
    }

    private OpenWebUiUser user(JWTClaimsSet claims) throws InvalidIdentityException, ParseException {
        if (!ISSUER.equals(claims.getIssuer())) {
            throw new InvalidIdentityException("the identity token's issuer must be " + ISSUER);
        }
        Date expiresAt = claims.getExpirationTime();
        if (expiresAt == null) {
            throw new InvalidIdentityException("the identity token has no expiry (exp)");
        }
        long now = clock.millis();
        if (now > expiresAt.getTime() + clockSkewMillis) {
            throw EXPIRED;
        }
        Date notBefore = claims.getNotBeforeTime();
        if (notBefore != null && now + clockSkewMillis < notBefore.getTime()) {
            throw new InvalidIdentityException("the identity token is not valid yet");
        }
        String email = claims.getStringClaim("email");
        if (email == null || email.isBlank()) {
            throw new InvalidIdentityException("the identity token has no email claim");
        }
        if (email.indexOf('@') < 1) {
            throw new InvalidIdentityException("the identity token's email claim is not an email address");
        }
        return new OpenWebUiUser(email.trim().toLowerCase(Locale.ROOT), claims.getSubject(),
                claims.getStringClaim("name"), claims.getStringClaim("role"), expiresAt.getTime());
    }

    private static MACVerifier macVerifier(String secret) {
        try {
            return new MACVerifier(secret.getBytes(StandardCharsets.UTF_8));
        } catch (JOSEException e) {
            // GatewayProperties.Identity already refuses short secrets; this only guards against a library change.
            throw new IllegalStateException("mcpgateway.identity.openwebui-jwt-secret is not usable for HS256", e);
        }
    }
}
