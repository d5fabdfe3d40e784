package dev.mcpgateway.gateway.identity;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Access tokens from the organisation's IdP as the caller's identity, under {@code mcpgateway.identity.oidc}. Off
 * while neither {@code issuer-uri} nor {@code jwk-set-uri} is set.
 *
 * @param issuerUri         the IdP's issuer; tokens must carry it as {@code iss}, and its discovery document names the JWKS
 * @param audiences         the token's {@code aud} must contain one of these (required when OIDC is on)
 * @param emailClaim        the claim holding the person's email ({@code preferred_username} or {@code upn} for some IdPs)
 * @param jwkSetUri         the IdP's JWKS, instead of discovering it from {@code issuer-uri}
 * @param scopes            scopes advertised in the protected resource metadata; none advertised when empty
 * @param clockSkew         tolerated clock difference when checking {@code exp} and {@code nbf}
 * @param jwksCacheTtl      how long the IdP's keys are used before they are fetched again
 * @param jwksRefetchMinInterval the shortest time between two fetches of the JWKS caused by an unknown {@code kid}
 */
@ConfigurationProperties("mcpgateway.identity.oidc")
public record OidcProperties(
        String issuerUri,
        @DefaultValue List<String> audiences,
        @DefaultValue("email") String emailClaim,
        URI jwkSetUri,
        @DefaultValue List<String> scopes,
        @DefaultValue("60s") Duration clockSkew,
        @DefaultValue("5m") Duration jwksCacheTtl,
        @DefaultValue("5s") Duration jwksRefetchMinInterval) {

    /** Refuses settings that would accept tokens meant for someone else, so a misconfigured gateway fails at startup. */
    public OidcProperties {
        issuerUri = issuerUri == null || issuerUri.isBlank() ? null : issuerUri.trim();
        audiences = audiences == null ? List.of() : audiences.stream().filter(a -> a != null && !a.isBlank()).map(String::trim).toList();
        scopes = scopes == null ? List.of() : scopes.stream().filter(s -> s != null && !s.isBlank()).map(String::trim).toList();
        if ((issuerUri != null || jwkSetUri != null) && audiences.isEmpty()) {
            throw new IllegalArgumentException("mcpgateway.identity.oidc.audiences must name at least one audience "
                    + "(e.g. the gateway's public URL or client id) when OIDC identity is on");
        }
        if (jwkSetUri != null && issuerUri == null) {
            throw new IllegalArgumentException("mcpgateway.identity.oidc.issuer-uri is required with jwk-set-uri: "
                    + "tokens are recognised and checked by their issuer");
        }
        if (emailClaim == null || emailClaim.isBlank()) {
            throw new IllegalArgumentException("mcpgateway.identity.oidc.email-claim must not be empty");
        }
        if (jwksCacheTtl == null || jwksCacheTtl.toMillis() < 100 || jwksRefetchMinInterval == null
                || jwksRefetchMinInterval.isNegative() || jwksRefetchMinInterval.compareTo(jwksCacheTtl) >= 0) {
            throw new IllegalArgumentException("mcpgateway.identity.oidc.jwks-cache-ttl must be at least 100ms and longer "
                    + "than mcpgateway.identity.oidc.jwks-refetch-min-interval");
        }
        if (clockSkew == null || clockSkew.isNegative() || clockSkew.compareTo(Duration.ofMinutes(5)) > 0) {
            throw new IllegalArgumentException("mcpgateway.identity.oidc.clock-skew must be between 0s and 5m");
        }
    }

    /** Whether IdP access tokens are accepted at all. */
    public boolean enabled() {
        return issuerUri != null;
    }
}
