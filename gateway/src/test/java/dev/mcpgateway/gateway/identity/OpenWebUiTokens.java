package dev.mcpgateway.gateway.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;

/**
 * Mints tokens shaped like Open WebUI's {@code X-OpenWebUI-User-Jwt} (HS256; claims {@code sub}, {@code email},
 * {@code name}, {@code role}, {@code iss=open-webui}, {@code iat}, {@code exp} 300 s ahead), for tests.
 * <p>
 * Typical use: start the gateway with {@code mcpgateway.identity.openwebui-jwt-secret=} {@link #SECRET} and send
 * {@code header(OpenWebUiTokens.HEADER, OpenWebUiTokens.forUser("john@company.com"))}.
 */
public final class OpenWebUiTokens {

    /** The header Open WebUI sends the signed identity in. */
    public static final String HEADER = "X-OpenWebUI-User-Jwt";

    /** A test secret long enough for HS256 and HS512 (64 bytes). */
    public static final String SECRET = "test-openwebui-jwt-secret-0123456789-0123456789-0123456789-abcdef";

    /** The issuer Open WebUI puts in {@code iss}. */
    public static final String ISSUER = "open-webui";

    private static final Duration LIFETIME = Duration.ofSeconds(300);

    private OpenWebUiTokens() {
    }

    /** A valid token for {@code email}, signed with {@link #SECRET}. */
    public static String forUser(String email) {
        return forUser(SECRET, email);
    }

    /** A valid token for {@code email}, signed with {@code secret}. */
    public static String forUser(String secret, String email) {
        return sign(secret, claims(email).build());
    }

    /** A valid token with every user claim given, signed with {@code secret}. */
    public static String forUser(String secret, String userId, String email, String name, String role) {
        return sign(secret, claims(userId, email, name, role).build());
    }

    /**
     * The claims Open WebUI sends for {@code email} (sub {@code id-<local part>}, name = local part, role
     * {@code user}), valid for 300 s from now; change any of them before signing.
     */
    public static JWTClaimsSet.Builder claims(String email) {
        String localPart = email.contains("@") ? email.substring(0, email.indexOf('@')) : email;
        return claims("id-" + localPart, email, localPart, "user");
    }

    /** The claims Open WebUI sends for one user, valid for 300 s from now. */
    public static JWTClaimsSet.Builder claims(String userId, String email, String name, String role) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .subject(userId)
                .claim("email", email)
                .claim("name", name)
                .claim("role", role)
                .issuer(ISSUER)
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(LIFETIME)));
    }

    /** {@code claims} signed HS256 with {@code secret}. */
    public static String sign(String secret, JWTClaimsSet claims) {
        return sign(secret, JWSAlgorithm.HS256, claims);
    }

    /** {@code claims} signed with an HMAC {@code algorithm} (HS256, HS384, HS512) and {@code secret}. */
    public static String sign(String secret, JWSAlgorithm algorithm, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(algorithm).type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalArgumentException("cannot sign test token with " + algorithm, e);
        }
    }

    /** {@code claims} as an unsecured token ({@code alg=none}), which the gateway must refuse. */
    public static String unsecured(JWTClaimsSet claims) {
        return new PlainJWT(claims).serialize();
    }
}
