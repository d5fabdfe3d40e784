package dev.mcpgateway.gateway.identity;

import dev.mcpgateway.gateway.config.GatewayProperties;
import dev.mcpgateway.gateway.error.GatewayProblem;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import org.springframework.web.util.UriUtils;
import reactor.core.publisher.Mono;

/**
 * Step 1 of the request path: on protected paths ({@link ProtectedPaths}) it accepts an IdP access token
 * ({@link OidcAccessTokens}) as the whole proof, or else demands a valid client key when any exists and resolves the
 * {@link CallerIdentity} (signed Open WebUI JWT first, then plain {@code X-OpenWebUI-User-*} headers only if trusted
 * and behind a valid key). It removes the token or key and every identity header so none of them reaches a backend
 * (from tool calls when a route forwards them, {@link CallerCredentialHeadersFilter}).
 * Refusals are 401 problems with a {@code WWW-Authenticate: Bearer} challenge ({@link ProtectedResources}).
 */
@Component
public class CallerIdentityWebFilter implements WebFilter, Ordered {

    /** Early, so every later filter and handler sees the identity (and no backend the caller's credentials). */
    public static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 100;

    static final String JWT_HEADER = "X-OpenWebUI-User-Jwt";
    static final String USER_HEADER_PREFIX = "X-OpenWebUI-User-";
    static final String EMAIL_HEADER = "X-OpenWebUI-User-Email";
    static final String USER_ID_HEADER = "X-OpenWebUI-User-Id";
    static final String NAME_HEADER = "X-OpenWebUI-User-Name";
    static final String ROLE_HEADER = "X-OpenWebUI-User-Role";
    static final String CHAT_ID_HEADER = "X-OpenWebUI-Chat-Id";
    static final String MESSAGE_ID_HEADER = "X-OpenWebUI-Message-Id";

    /** Set on tool calls whose caller credentials {@link CallerCredentialHeadersFilter} removes when a route forwards them. */
    static final String REMOVE_WHEN_FORWARDED_ATTRIBUTE = CallerIdentityWebFilter.class.getName() + ".removeWhenForwarded";

    private static final Logger log = LoggerFactory.getLogger(CallerIdentityWebFilter.class);
    private static final String BEARER = "Bearer ";
    private static final String TOOLS_PREFIX = "/tools/";
    /** Bounds what a header can put into the audit log. */
    private static final int MAX_VALUE_LENGTH = 256;

    private final ClientKeys clientKeys;
    private final OpenWebUiJwtVerifier jwtVerifier;
    private final OidcAccessTokens idpTokens;
    private final ProtectedResources resources;
    private final boolean trustPlainHeaders;

    CallerIdentityWebFilter(ClientKeys clientKeys, OpenWebUiJwtVerifier jwtVerifier, OidcAccessTokens idpTokens,
                            ProtectedResources resources, GatewayProperties properties) {
        this.clientKeys = clientKeys;
        this.jwtVerifier = jwtVerifier;
        this.idpTokens = idpTokens;
        this.resources = resources;
        this.trustPlainHeaders = properties.identity().trustPlainHeaders();
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        ServerHttpRequest request = exchange.getRequest();
        if (!ProtectedPaths.isProtected(request.getPath())) {
            return chain.filter(exchange);
        }
        HttpHeaders headers = request.getHeaders();
        String bearer = bearerToken(headers);
        if (bearer != null && idpTokens.claimsConfiguredIssuer(bearer)) {
            return idpTokenCaller(exchange, chain, bearer);
        }
        String client = null;
        if (clientKeys.anyKeyExists()) {
            if (bearer == null) {
                return refuse(exchange, "a client key is required: send Authorization: Bearer <key>", resources.challenge(exchange, false));
            }
            client = clientKeys.clientFor(bearer);
            if (client == null) {
                return refuse(exchange, "the client key is not valid", resources.challenge(exchange, true));
            }
            exchange.getAttributes().put(CallerIdentity.CLIENT_ATTRIBUTE, client);
        }
        CallerIdentity identity;
        try {
            identity = identity(headers, client);
        } catch (InvalidIdentityException e) {
            return refuse(exchange, e.getMessage(), resources.challenge(exchange, false));
        }
        if (identity != null) {
            exchange.getAttributes().put(CallerIdentity.ATTRIBUTE, identity);
        }
        return chain.filter(callerCredentialsRemoved(exchange));
    }

    /**
     * An IdP access token is the client's and the person's proof at once: no client key, and no header changes who
     * the caller is. The token goes no further than this filter ({@code Authorization} is removed).
     */
    private Mono<Void> idpTokenCaller(ServerWebExchange exchange, WebFilterChain chain, String token) {
        HttpHeaders headers = exchange.getRequest().getHeaders();
        return idpTokens.verify(token, bounded(headers.getFirst(CHAT_ID_HEADER)), bounded(headers.getFirst(MESSAGE_ID_HEADER)))
                .onErrorMap(InvalidIdentityException.class,
                        e -> refusal(exchange, e.getMessage(), resources.challenge(exchange, true)))
                .onErrorMap(IdpUnavailableException.class, e -> GatewayProblem.unavailable(null, e.getMessage()))
                .flatMap(identity -> {
                    exchange.getAttributes().put(CallerIdentity.ATTRIBUTE, identity);
                    return chain.filter(callerCredentialsRemoved(exchange));
                });
    }

    /** Signed JWT first; plain headers only when trusted and the request carried a valid key; else nobody. */
    private CallerIdentity identity(HttpHeaders headers, String client) throws InvalidIdentityException {
        String token = jwtVerifier.enabled() ? headers.getFirst(JWT_HEADER) : null;
        if (token != null) {
            OpenWebUiUser user = jwtVerifier.verify(token);
            return new CallerIdentity(user.email(), user.userId(), user.name(), user.role(),
                    bounded(headers.getFirst(CHAT_ID_HEADER)), bounded(headers.getFirst(MESSAGE_ID_HEADER)), client,
                    CallerIdentity.PROOF_OPENWEBUI_JWT);
        }
        if (trustPlainHeaders && client != null) {
            return plainHeaderIdentity(headers, client);
        }
        return null;
    }

    private static CallerIdentity plainHeaderIdentity(HttpHeaders headers, String client) throws InvalidIdentityException {
        String email = headers.getFirst(EMAIL_HEADER);
        if (email == null || email.isBlank()) {
            return null;
        }
        email = email.trim();
        if (email.indexOf('@') < 1 || email.length() > MAX_VALUE_LENGTH) {
            throw new InvalidIdentityException(EMAIL_HEADER + " is not an email address");
        }
        return new CallerIdentity(email.toLowerCase(Locale.ROOT), bounded(headers.getFirst(USER_ID_HEADER)),
                bounded(percentDecoded(headers.getFirst(NAME_HEADER))), bounded(headers.getFirst(ROLE_HEADER)),
                bounded(headers.getFirst(CHAT_ID_HEADER)), bounded(headers.getFirst(MESSAGE_ID_HEADER)), client,
                CallerIdentity.PROOF_PLAIN);
    }

    /** The key of {@code Authorization: Bearer <key>}, or {@code null} when there is none. */
    private static String bearerToken(HttpHeaders headers) {
        String authorization = headers.getFirst(HttpHeaders.AUTHORIZATION);
        if (authorization == null || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        String key = authorization.substring(BEARER.length()).trim();
        return key.isEmpty() ? null : key;
    }

    /**
     * Tool calls ({@code /tools/...}) are what routes forward: their caller credentials are removed in the header copy
     * the routing filter makes anyway ({@link CallerCredentialHeadersFilter}), which saves a copy per call. On every
     * other protected path they are removed here, before any handler sees the request.
     */
    private static ServerWebExchange callerCredentialsRemoved(ServerWebExchange exchange) {
        if (exchange.getRequest().getPath().pathWithinApplication().value().startsWith(TOOLS_PREFIX)) {
            exchange.getAttributes().put(REMOVE_WHEN_FORWARDED_ATTRIBUTE, Boolean.TRUE);
            return exchange;
        }
        return withoutCallerCredentials(exchange);
    }

    /** Removes {@code Authorization}, {@code X-OpenWebUI-User-Jwt} and every {@code X-OpenWebUI-User-*} header. */
    static ServerWebExchange withoutCallerCredentials(ServerWebExchange exchange) {
        List<String> names = callerCredentialHeaders(exchange.getRequest());
        if (names == null) {
            return exchange;
        }
        ServerHttpRequest request = exchange.getRequest().mutate().headers(h -> names.forEach(h::remove)).build();
        return exchange.mutate().request(request).build();
    }

    /** The names of {@code Authorization} and every {@code X-OpenWebUI-User-*} header, or {@code null} when none is there. */
    static List<String> callerCredentialHeaders(ServerHttpRequest request) {
        List<String> names = RequestHeaderNames.matching(request, CallerIdentityWebFilter::isCallerCredential);
        return names.isEmpty() ? null : names;
    }

    private static boolean isCallerCredential(CharSequence name) {
        return RequestHeaderNames.equalsIgnoringCase(name, HttpHeaders.AUTHORIZATION)
                || RequestHeaderNames.startsWithIgnoringCase(name, USER_HEADER_PREFIX);
    }

    private static Mono<Void> refuse(ServerWebExchange exchange, String reason, String challenge) {
        return Mono.error(refusal(exchange, reason, challenge));
    }

    private static GatewayProblem refusal(ServerWebExchange exchange, String reason, String challenge) {
        log.debug("Refused {} {}: {}", exchange.getRequest().getMethod(), exchange.getRequest().getPath().value(), reason);
        exchange.getResponse().getHeaders().set(HttpHeaders.WWW_AUTHENTICATE, challenge);
        return GatewayProblem.unauthorized(reason);
    }

    /** Open WebUI percent-encodes the user name; a value that is not valid encoding is kept as sent. */
    private static String percentDecoded(String value) {
        if (value == null || value.indexOf('%') < 0) {
            return value;
        }
        try {
            return UriUtils.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return value;
        }
    }

    private static String bounded(String value) {
        return value == null || value.length() <= MAX_VALUE_LENGTH ? value : value.substring(0, MAX_VALUE_LENGTH);
    }
}
