package dev.mcpgateway.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.JWSAlgorithm;
import dev.mcpgateway.gateway.config.GatewayProperties;
import dev.mcpgateway.gateway.config.TestGatewayProperties;
import dev.mcpgateway.gateway.directory.TenancySnapshot;
import dev.mcpgateway.gateway.directory.TenantDirectory;
import dev.mcpgateway.gateway.error.ProblemErrorWebExceptionHandler;
import dev.mcpgateway.policy.KeyHashes;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.cloud.gateway.filter.headers.RemoveHopByHopHeadersFilter;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

class CallerIdentityWebFilterTests {

    private static final String KEY = "client-key-0123456789abcdef";

    private final TenantDirectory directory = new TenantDirectory();
    private final AtomicReference<ServerWebExchange> forwarded = new AtomicReference<>();

    @Test
    void resolvesIdentityFromSignedToken() {
        var exchange = call(filter(true, List.of(KEY), true), toolCall()
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY)
                .header(OpenWebUiTokens.HEADER, OpenWebUiTokens.forUser(OpenWebUiTokens.SECRET, "u-1", "John@Company.com", "John", "user"))
                .header(CallerIdentityWebFilter.CHAT_ID_HEADER, "chat-1")
                .header(CallerIdentityWebFilter.MESSAGE_ID_HEADER, "msg-1"));

        assertThat(identityOf(exchange)).isEqualTo(
                new CallerIdentity("john@company.com", "u-1", "John", "user", "chat-1", "msg-1", "config-key-1", "openwebui-jwt"));
    }

    @Test
    void refusesInvalidTokenWithoutFallingBackToPlainHeaders() {
        var exchange = call(filter(true, List.of(KEY), true), toolCall()
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY)
                .header(OpenWebUiTokens.HEADER, OpenWebUiTokens.sign(OpenWebUiTokens.SECRET, JWSAlgorithm.HS512,
                        OpenWebUiTokens.claims("admin@company.com").build()))
                .header(CallerIdentityWebFilter.EMAIL_HEADER, "admin@company.com"));

        assertUnauthorized(exchange, "must be signed with HS256");
    }

    @Test
    void refusesMissingClientKeyWhenKeysExist() {
        var exchange = call(filter(true, List.of(KEY), false), toolCall()
                .header(OpenWebUiTokens.HEADER, OpenWebUiTokens.forUser("john@company.com")));

        assertUnauthorized(exchange, "client key is required");
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).isEqualTo("Bearer");
    }

    @Test
    void refusesWrongClientKey() {
        var exchange = call(filter(true, List.of(KEY), false), toolCall()
                .header(HttpHeaders.AUTHORIZATION, "Bearer not-" + KEY));

        assertUnauthorized(exchange, "client key is not valid");
        assertThat(exchange.getResponse().getBodyAsString().block()).doesNotContain(KEY);
    }

    @Test
    void refusesNonBearerAuthorization() {
        var exchange = call(filter(true, List.of(KEY), false), toolCall()
                .header(HttpHeaders.AUTHORIZATION, "Basic " + KEY));

        assertUnauthorized(exchange, "client key is required");
    }

    @Test
    void acceptsDatabaseClientKeyAndNamesItsClient() {
        directory.replace(new TenancySnapshot(Map.of(), Map.of(), Map.of(KeyHashes.sha256Hex("db-key-0123456789abcdef"), "webui-prod")));

        var exchange = call(filter(false, List.of(), true), toolCall()
                .header(HttpHeaders.AUTHORIZATION, "bearer db-key-0123456789abcdef")
                .header(CallerIdentityWebFilter.EMAIL_HEADER, "sarah@google.com"));

        assertThat(identityOf(exchange).client()).isEqualTo("webui-prod");
        assertThat(CallerIdentity.clientOf(forwarded.get())).isEqualTo("webui-prod");
    }

    @Test
    void acceptsPlainHeadersWithClientKeyWhenTrusted() {
        var exchange = call(filter(false, List.of(KEY), true), toolCall()
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY)
                .header(CallerIdentityWebFilter.EMAIL_HEADER, " Sarah@Google.com ")
                .header(CallerIdentityWebFilter.USER_ID_HEADER, "u-7")
                .header(CallerIdentityWebFilter.NAME_HEADER, "Sarah%20M%C3%BCller%2B1")
                .header(CallerIdentityWebFilter.ROLE_HEADER, "user")
                .header(CallerIdentityWebFilter.CHAT_ID_HEADER, "chat-9"));

        assertThat(identityOf(exchange)).isEqualTo(
                new CallerIdentity("sarah@google.com", "u-7", "Sarah Müller+1", "user", "chat-9", null, "config-key-1", "plain"));
    }

    @Test
    void ignoresPlainHeadersWhenNotTrusted() {
        var exchange = call(filter(false, List.of(KEY), false), toolCall()
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY)
                .header(CallerIdentityWebFilter.EMAIL_HEADER, "admin@company.com"));

        assertThat(forwarded.get()).isNotNull();
        assertThat(identityOf(exchange)).isNull();
        assertThat(CallerIdentity.clientOf(forwarded.get())).isEqualTo("config-key-1");
    }

    @Test
    void ignoresPlainHeadersWithoutClientKeyEvenWhenTrusted() {
        // No key exists at all, so none is demanded, but none was proven either: the headers prove nothing.
        var exchange = call(filter(false, List.of(), true), toolCall()
                .header(CallerIdentityWebFilter.EMAIL_HEADER, "admin@company.com"));

        assertThat(forwarded.get()).isNotNull();
        assertThat(identityOf(exchange)).isNull();
    }

    @Test
    void ignoresPlainHeadersWhenSignedTokenIsPresent() {
        var exchange = call(filter(true, List.of(KEY), true), toolCall()
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY)
                .header(OpenWebUiTokens.HEADER, OpenWebUiTokens.forUser("john@company.com"))
                .header(CallerIdentityWebFilter.EMAIL_HEADER, "admin@company.com"));

        assertThat(identityOf(exchange).email()).isEqualTo("john@company.com");
    }

    @Test
    void ignoresTokenWhenSignedIdentityIsOff() {
        var exchange = call(filter(false, List.of(KEY), false), toolCall()
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY)
                .header(OpenWebUiTokens.HEADER, "garbage"));

        assertThat(forwarded.get()).isNotNull();
        assertThat(identityOf(exchange)).isNull();
    }

    @Test
    void refusesPlainEmailThatIsNotAnEmailAddress() {
        var exchange = call(filter(false, List.of(KEY), true), toolCall()
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY)
                .header(CallerIdentityWebFilter.EMAIL_HEADER, "admin"));

        assertUnauthorized(exchange, "not an email address");
    }

    @Test
    void removesKeyAndIdentityHeadersBeforeForwarding() {
        call(filter(true, List.of(KEY), true), toolCall()
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY)
                .header(OpenWebUiTokens.HEADER, OpenWebUiTokens.forUser("john@company.com"))
                .header("x-openwebui-user-email", "john@company.com")
                .header(CallerIdentityWebFilter.USER_ID_HEADER, "u-1")
                .header(CallerIdentityWebFilter.NAME_HEADER, "John")
                .header(CallerIdentityWebFilter.ROLE_HEADER, "user")
                .header("X-OpenWebUI-User-Anything-New", "x")
                .header(CallerIdentityWebFilter.CHAT_ID_HEADER, "chat-1")
                .header("Accept", "application/json"));

        HttpHeaders sent = sentToBackend(forwarded.get());
        assertThat(sent.headerNames()).noneMatch(name -> name.equalsIgnoreCase(HttpHeaders.AUTHORIZATION)
                || name.toLowerCase().startsWith("x-openwebui-user-"));
        assertThat(sent.getFirst(CallerIdentityWebFilter.CHAT_ID_HEADER)).isEqualTo("chat-1");
        assertThat(sent.getFirst("Accept")).isEqualTo("application/json");
    }

    @Test
    void removesKeyEvenWhenNoKeyIsRequired() {
        call(filter(false, List.of(), false), toolCall().header(HttpHeaders.AUTHORIZATION, "Bearer whatever"));

        assertThat(sentToBackend(forwarded.get()).containsHeader(HttpHeaders.AUTHORIZATION)).isFalse();
    }

    @Test
    void removesKeyAndIdentityHeadersAtOnceWhereNoRouteForwards() {
        call(filter(true, List.of(KEY), true), MockServerHttpRequest.post("/mcp")
                .header(HttpHeaders.AUTHORIZATION, "Bearer " + KEY)
                .header(OpenWebUiTokens.HEADER, OpenWebUiTokens.forUser("john@company.com"))
                .header(CallerIdentityWebFilter.CHAT_ID_HEADER, "chat-1"));

        HttpHeaders seen = forwarded.get().getRequest().getHeaders();
        assertThat(seen.headerNames()).noneMatch(name -> name.equalsIgnoreCase(HttpHeaders.AUTHORIZATION)
                || name.toLowerCase().startsWith("x-openwebui-user-"));
        assertThat(seen.getFirst(CallerIdentityWebFilter.CHAT_ID_HEADER)).isEqualTo("chat-1");
    }

    @Test
    void guardsEveryProtectedPath() {
        CallerIdentityWebFilter filter = filter(true, List.of(KEY), false);
        for (String path : List.of("/tools", "/tools/google/read_file", "/tenants", "/openapi.json",
                "/tools/google/openapi.json", "/mcp", "/mcp/anything", "/%74ools/google/read_file", "//tools/google/x",
                "/TOOLS/google/x", "/tools;v=1/google/x", "/./tools/google/x", "/../tools/google/x")) {
            forwarded.set(null);
            // A URI, not a template: the path must reach the filter exactly as a client encoded it.
            var exchange = call(filter, MockServerHttpRequest.method(HttpMethod.GET, URI.create("http://localhost" + path)));
            assertThat(exchange.getRequest().getURI().getRawPath()).isEqualTo(path);
            assertThat(exchange.getResponse().getStatusCode()).as(path).isEqualTo(HttpStatus.UNAUTHORIZED);
            assertThat(forwarded.get()).as(path).isNull();
        }
    }

    @Test
    void passesUnprotectedPathsUntouched() {
        CallerIdentityWebFilter filter = filter(true, List.of(KEY), true);
        for (String path : List.of("/actuator/health", "/actuator/prometheus", "/health")) {
            forwarded.set(null);
            var exchange = call(filter, MockServerHttpRequest.get(path)
                    .header(HttpHeaders.AUTHORIZATION, "Bearer nothing")
                    .header(CallerIdentityWebFilter.EMAIL_HEADER, "admin@company.com"));
            assertThat(forwarded.get()).as(path).isSameAs(exchange);
            assertThat(forwarded.get().getRequest().getHeaders().getFirst(HttpHeaders.AUTHORIZATION)).isEqualTo("Bearer nothing");
            assertThat(identityOf(exchange)).isNull();
        }
    }

    /** The headers Spring Cloud Gateway's routing filter sends a tool call's backend, with its own hop-by-hop filter. */
    private static HttpHeaders sentToBackend(ServerWebExchange exchange) {
        return HttpHeadersFilter.filterRequest(
                List.of(new RemoveHopByHopHeadersFilter(), new CallerCredentialHeadersFilter()), exchange);
    }

    private static MockServerHttpRequest.BaseBuilder<?> toolCall() {
        return MockServerHttpRequest.post("/tools/google/read_file");
    }

    private MockServerWebExchange call(CallerIdentityWebFilter filter, MockServerHttpRequest.BaseBuilder<?> request) {
        MockServerWebExchange exchange = MockServerWebExchange.from(request);
        filter.filter(exchange, forwardedExchange -> {
            forwarded.set(forwardedExchange);
            return Mono.empty();
        }).onErrorResume(refusal -> new ProblemErrorWebExceptionHandler().handle(exchange, refusal))
                .block(Duration.ofSeconds(5));
        return exchange;
    }

    private static CallerIdentity identityOf(ServerWebExchange exchange) {
        return CallerIdentity.of(exchange);
    }

    private void assertUnauthorized(MockServerWebExchange exchange, String reason) {
        assertThat(forwarded.get()).isNull();
        assertThat(exchange.getResponse().getStatusCode()).isEqualTo(HttpStatus.UNAUTHORIZED);
        assertThat(exchange.getResponse().getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(exchange.getResponse().getHeaders().getFirst(HttpHeaders.WWW_AUTHENTICATE)).startsWith("Bearer");
        assertThat(exchange.getResponse().getBodyAsString().block()).contains(reason);
        assertThat(identityOf(exchange)).isNull();
    }

    private CallerIdentityWebFilter filter(boolean signedIdentity, List<String> keys, boolean trustPlainHeaders) {
        Map<String, String> settings = new HashMap<>();
        if (signedIdentity) {
            settings.put("mcpgateway.identity.openwebui-jwt-secret", OpenWebUiTokens.SECRET);
        }
        settings.put("mcpgateway.identity.trust-plain-headers", String.valueOf(trustPlainHeaders));
        for (int i = 0; i < keys.size(); i++) {
            settings.put("mcpgateway.security.client-keys[" + i + "]", keys.get(i));
        }
        GatewayProperties properties = TestGatewayProperties.bind(settings);
        OidcProperties oidcOff = new OidcProperties(null, List.of(), "email", null, List.of(), Duration.ofSeconds(60),
                Duration.ofMinutes(5), Duration.ofSeconds(5));
        return new CallerIdentityWebFilter(new ClientKeys(properties, directory, new ClientKeyUsage(new JdbcTemplate())), new OpenWebUiJwtVerifier(properties),
                new OidcAccessTokens(oidcOff, 1, java.time.Clock.systemUTC()), new ProtectedResources(oidcOff, properties), properties);
    }

}
