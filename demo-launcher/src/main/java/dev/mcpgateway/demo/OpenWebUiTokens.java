package dev.mcpgateway.demo;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.UUID;

/**
 * Signs identity tokens the way Open WebUI does for {@code X-OpenWebUI-User-Jwt} (HS256 with the shared secret,
 * {@code iss=open-webui}), but valid for the whole demo instead of Open WebUI's 300 s.
 */
final class OpenWebUiTokens {

    private final MACSigner signer;
    private final Duration validity;

    OpenWebUiTokens(String secret, Duration validity) {
        try {
            this.signer = new MACSigner(secret.getBytes(StandardCharsets.UTF_8));
        } catch (JOSEException e) {
            throw new IllegalArgumentException("the signing secret is too short for HS256", e);
        }
        this.validity = validity;
    }

    String forUser(String email) {
        Instant now = Instant.now();
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .subject(UUID.nameUUIDFromBytes(email.getBytes(StandardCharsets.UTF_8)).toString())
                .claim("email", email)
                .claim("name", email.substring(0, email.indexOf('@')))
                .claim("role", "user")
                .issuer("open-webui")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plus(validity)))
                .build();
        SignedJWT token = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).type(com.nimbusds.jose.JOSEObjectType.JWT).build(), claims);
        try {
            token.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
        return token.serialize();
    }
}
