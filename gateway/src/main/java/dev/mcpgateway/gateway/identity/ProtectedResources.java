package dev.mcpgateway.gateway.identity;

import dev.mcpgateway.gateway.config.GatewayProperties;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The gateway as an OAuth 2.0 protected resource (RFC 9728, as the MCP authorization specification asks): the MCP
 * endpoints' canonical URLs, where their metadata lives, and the {@code WWW-Authenticate} challenge that points to it.
 * URLs come from {@code mcpgateway.public-base-url}, never from the Host header, unless that is unset (one WARN).
 */
@Component
public class ProtectedResources {

    /** The RFC 9728 well-known prefix; the resource's path follows it. */
    public static final String METADATA_PATH = "/.well-known/oauth-protected-resource";

    private static final Logger log = LoggerFactory.getLogger(ProtectedResources.class);
    private static final Pattern TENANT_MCP = Pattern.compile("/tools/[a-z0-9][a-z0-9-]{0,62}/mcp");

    private final OidcProperties oidc;
    private final String configuredBaseUrl;
    private final AtomicBoolean warnedAboutDerivedBaseUrl = new AtomicBoolean();

    ProtectedResources(OidcProperties oidc, GatewayProperties properties) {
        this.oidc = oidc;
        this.configuredBaseUrl = properties.publicBaseUrl() == null ? null
                : withoutTrailingSlash(properties.publicBaseUrl().toString());
    }

    /** Whether the gateway accepts IdP tokens, and so publishes metadata. */
    public boolean enabled() {
        return oidc.enabled();
    }

    /** The authorization servers to name in metadata: the configured issuer. */
    public List<String> authorizationServers() {
        return List.of(oidc.issuerUri());
    }

    /** The scopes to advertise; empty when none are configured. */
    public List<String> scopes() {
        return oidc.scopes();
    }

    /** {@code /mcp} or {@code /tools/<tenant>/mcp} when the request is for one of them, else {@code null}. */
    static String mcpResourcePath(ServerHttpRequest request) {
        String path = request.getPath().pathWithinApplication().value();
        return path.equals("/mcp") || TENANT_MCP.matcher(path).matches() ? path : null;
    }

    /** The canonical URL of the resource at {@code path} (empty for the gateway itself). */
    public String resource(ServerWebExchange exchange, String path) {
        return baseUrl(exchange) + path;
    }

    /**
     * The {@code WWW-Authenticate} value of a 401: {@code Bearer}, with {@code error="invalid_token"} when a token was
     * refused, and on the MCP endpoints while OIDC is on the configured scopes ({@code scope}, RFC 6750 section 3: the
     * MCP authorization specification of 2025-11-25 has clients request these first) and {@code resource_metadata}.
     */
    public String challenge(ServerWebExchange exchange, boolean invalidToken) {
        List<String> parameters = new ArrayList<>(3);
        if (invalidToken) {
            parameters.add("error=\"invalid_token\"");
        }
        String mcpPath = enabled() ? mcpResourcePath(exchange.getRequest()) : null;
        if (mcpPath != null) {
            if (!oidc.scopes().isEmpty()) {
                parameters.add("scope=\"" + String.join(" ", oidc.scopes()) + "\"");
            }
            parameters.add("resource_metadata=\"" + baseUrl(exchange) + METADATA_PATH + mcpPath + "\"");
        }
        return parameters.isEmpty() ? "Bearer" : "Bearer " + String.join(", ", parameters);
    }

    private String baseUrl(ServerWebExchange exchange) {
        if (configuredBaseUrl != null) {
            return configuredBaseUrl;
        }
        if (warnedAboutDerivedBaseUrl.compareAndSet(false, true)) {
            log.warn("mcpgateway.public-base-url is not set: OAuth resource URLs are derived from each request's Host "
                    + "header; set it to the URL clients use (e.g. https://tools.example.com)");
        }
        URI uri = exchange.getRequest().getURI();
        return uri.getScheme() + "://" + uri.getRawAuthority();
    }

    private static String withoutTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
