package dev.mcpgateway.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import dev.mcpgateway.gateway.support.GatewayIntegrationTest;
import dev.mcpgateway.testing.FakeMcpoServer;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * IdP access tokens from a real authorization server ({@link TestAuthorizationServer}) as the caller's identity on
 * {@code /tenants}, tool calls and {@code /mcp}, beside the configured client key: what is accepted, what is refused
 * (and how), that the token never reaches a tool server, and the RFC 9728 discovery an OAuth MCP client starts from.
 */
@ExtendWith(OutputCaptureExtension.class)
class OidcIdentityIntegrationTests extends GatewayIntegrationTest {

    static final TestAuthorizationServer IDP = TestAuthorizationServer.start();
    static final String AUDIENCE = "https://tools.example.test/mcp";
    static final String PUBLIC_BASE_URL = "https://tools.example.test";
    static final String MCP_METADATA = PUBLIC_BASE_URL + "/.well-known/oauth-protected-resource/mcp";
    private static final String TOOL_CALL = "/tools/google/read_file";

    @DynamicPropertySource
    static void oidcProperties(DynamicPropertyRegistry registry) {
        registry.add("mcpgateway.identity.oidc.issuer-uri", IDP::issuer);
        registry.add("mcpgateway.identity.oidc.audiences", () -> AUDIENCE);
        registry.add("mcpgateway.identity.oidc.scopes", () -> "mcp");
        registry.add("mcpgateway.identity.oidc.jwks-refetch-min-interval", () -> "1s");
        registry.add("mcpgateway.public-base-url", () -> PUBLIC_BASE_URL);
        registry.add("logging.level.dev.mcpgateway", () -> "DEBUG");
    }

    @Autowired
    private JdbcTemplate jdbc;

    @Test
    void anIdpTokenIdentifiesThePersonOnTenantsWithoutAClientKey() {
        withoutClientKey.get().uri("/tenants").headers(h -> h.setBearerAuth(IDP.tokenFor("John@Company.com", AUDIENCE)))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.user").isEqualTo("john@company.com")
                .jsonPath("$.identified_by").isEqualTo("oidc")
                .jsonPath("$.tenants[*].tenant_id").isEqualTo(List.of("google", "microsoft"));
    }

    @Test
    void theSignedHeaderOrPlainHeadersBehindAClientKeyKeepWorkingBesideIdpTokens() {
        client.get().uri("/tenants").header(EMAIL_HEADER, "mike@microsoft.com").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.user").isEqualTo("mike@microsoft.com")
                .jsonPath("$.identified_by").isEqualTo("plain");
    }

    @Test
    void plainIdentityHeadersNeverChangeWhoATokensCallerIs() {
        withoutClientKey.get().uri("/tenants")
                .headers(h -> {
                    h.setBearerAuth(IDP.tokenFor("sarah@google.com", AUDIENCE));
                    h.set(EMAIL_HEADER, "admin@company.com");
                })
                .exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.user").isEqualTo("sarah@google.com");
    }

    @Test
    void aToolCallWithAnIdpTokenReachesTheToolServerWithoutThePersonsToken() {
        String token = IDP.tokenFor("sarah@google.com", AUDIENCE);
        int before = GOOGLE_BACKEND.requests().size();

        withoutClientKey.post().uri(TOOL_CALL).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("path", "/tmp/a.txt"))
                .exchange()
                .expectStatus().isOk();

        List<FakeMcpoServer.Request> received = GOOGLE_BACKEND.requests().subList(before, GOOGLE_BACKEND.requests().size());
        assertThat(received).extracting(FakeMcpoServer.Request::path).contains("/read_file");
        assertThat(received).allSatisfy(request -> assertThat(request.headers().values())
                .noneSatisfy(value -> assertThat(value).contains(token)));
    }

    @Test
    void theAuditNamesAnIdpTokenAsTheProofOfToolCallsOnBothPaths() {
        WebTestClient person = withoutClientKey.mutate()
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + IDP.tokenFor("mike@microsoft.com", AUDIENCE))
                .defaultHeader(HttpHeaders.ACCEPT, "application/json, text/event-stream")
                .build();
        person.post().uri("/tools/microsoft/read_file").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("path", "/tmp/a.txt")).exchange().expectStatus().isOk();
        String session = initializeMcp(person, "/mcp").expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("Mcp-Session-Id");
        person.post().uri("/mcp").header("Mcp-Session-Id", session).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("jsonrpc", "2.0", "id", 2, "method", "tools/call", "params",
                        Map.of("name", "microsoft__list_allowed_directories", "arguments", Map.of())))
                .exchange().expectStatus().isOk();

        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(jdbc.queryForList(
                "SELECT tool || ' ' || identified_by FROM audit_event WHERE user_email = 'mike@microsoft.com'"
                        + " AND tenant_id = 'microsoft' AND decision = 'allow'", String.class))
                .contains("read_file oidc", "list_allowed_directories oidc"));
    }

    @Test
    void mcpWithAnIdpTokenListsOnlyThatPersonsTools() {
        WebTestClient mcp = withoutClientKey.mutate()
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + IDP.tokenFor("sarah@google.com", AUDIENCE))
                .defaultHeader(HttpHeaders.ACCEPT, "application/json, text/event-stream")
                .build();
        String session = mcp.post().uri("/mcp").contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("jsonrpc", "2.0", "id", 1, "method", "initialize", "params", Map.of(
                        "protocolVersion", "2025-06-18", "capabilities", Map.of(),
                        "clientInfo", Map.of("name", "oauth-client", "version", "1"))))
                .exchange()
                .expectStatus().isOk()
                .returnResult(String.class).getResponseHeaders().getFirst("Mcp-Session-Id");

        mcp.post().uri("/mcp").header("Mcp-Session-Id", session).contentType(MediaType.APPLICATION_JSON)
                .bodyValue(Map.of("jsonrpc", "2.0", "id", 2, "method", "tools/list", "params", Map.of()))
                .exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.result.tools").isNotEmpty()
                .jsonPath("$.result.tools[*].name").value(names -> assertThat((List<String>) names)
                        .allSatisfy(name -> assertThat(name).startsWith("google__")));
    }

    @Test
    void anUnauthenticatedMcpRequestIsPointedToTheProtectedResourceMetadataAndTheScopesToRequest() {
        initializeMcp(withoutClientKey, "/mcp")
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE,
                        "Bearer scope=\"mcp\", resource_metadata=\"" + MCP_METADATA + "\"")
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON);
        initializeMcp(withoutClientKey, "/tools/google/mcp")
                .expectStatus().isUnauthorized()
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer scope=\"mcp\", resource_metadata=\"" + PUBLIC_BASE_URL
                        + "/.well-known/oauth-protected-resource/tools/google/mcp\"");
    }

    @Test
    void theProtectedResourceMetadataNamesTheCanonicalResourceTheIdpAndTheScopes() {
        withoutClientKey.get().uri("/.well-known/oauth-protected-resource/mcp").exchange()
                .expectStatus().isOk()
                .expectBody()
                .jsonPath("$.resource").isEqualTo(PUBLIC_BASE_URL + "/mcp")
                .jsonPath("$.authorization_servers").isEqualTo(List.of(IDP.issuer()))
                .jsonPath("$.bearer_methods_supported").isEqualTo(List.of("header"))
                .jsonPath("$.scopes_supported").isEqualTo(List.of("mcp"));
        withoutClientKey.get().uri("/.well-known/oauth-protected-resource/tools/google/mcp").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.resource").isEqualTo(PUBLIC_BASE_URL + "/tools/google/mcp");
        withoutClientKey.get().uri("/.well-known/oauth-protected-resource").exchange()
                .expectStatus().isOk()
                .expectBody().jsonPath("$.resource").isEqualTo(PUBLIC_BASE_URL);
        withoutClientKey.get().uri("/.well-known/oauth-protected-resource/tools/Not_A_Tenant/mcp").exchange()
                .expectStatus().isNotFound();
    }

    static Stream<Arguments> hostileTokens() {
        Instant now = Instant.now();
        return Stream.<Map.Entry<String, Supplier<String>>>of(
                Map.entry("expired beyond the clock skew", () -> IDP.sign(IDP.claims("john@company.com", AUDIENCE)
                        .issueTime(Date.from(now.minusSeconds(600))).expirationTime(Date.from(now.minusSeconds(120))).build())),
                Map.entry("not yet valid", () -> IDP.sign(IDP.claims("john@company.com", AUDIENCE)
                        .notBeforeTime(Date.from(now.plusSeconds(300))).build())),
                Map.entry("for another audience", () -> IDP.tokenFor("john@company.com", "https://another-api.example")),
                Map.entry("without an audience", () -> IDP.sign(IDP.claims("john@company.com", AUDIENCE)
                        .audience((String) null).build())),
                Map.entry("from another issuer", () -> IDP.sign(IDP.claims("john@company.com", AUDIENCE)
                        .issuer("https://evil.example").build())),
                Map.entry("without an email claim", () -> IDP.token(Map.of("aud", List.of(AUDIENCE)))),
                Map.entry("unsigned (alg none)", () -> new PlainJWT(IDP.claims("john@company.com", AUDIENCE).build()).serialize()),
                Map.entry("HS256 keyed with the IdP's public key", OidcIdentityIntegrationTests::hs256WithThePublicKey),
                Map.entry("signed with a key the IdP does not publish", () -> TestAuthorizationServer.signWith(
                        TestAuthorizationServer.newKey(), IDP.claims("john@company.com", AUDIENCE).build())),
                Map.entry("with a bad signature under the IdP's key id", OidcIdentityIntegrationTests::badSignature))
                .map(entry -> Arguments.of(entry.getKey(), entry.getValue().get()));
    }

    @ParameterizedTest(name = "a token {0}")
    @MethodSource("hostileTokens")
    void aHostileTokenIsRefusedOnTenantsToolCallsAndMcpAndNeverLogged(String kind, String token, CapturedOutput output) {
        int backendRequests = GOOGLE_BACKEND.requests().size();
        int refusalsAudited = refusedCallsAudited();

        expectInvalidToken(withoutClientKey.get().uri("/tenants").headers(h -> h.setBearerAuth(token)).exchange(), false);
        expectInvalidToken(withoutClientKey.post().uri(TOOL_CALL).headers(h -> h.setBearerAuth(token))
                .contentType(MediaType.APPLICATION_JSON).bodyValue(Map.of("path", "/tmp/a.txt")).exchange(), false);
        expectInvalidToken(initializeMcp(withoutClientKey.mutate()
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token).build(), "/mcp"), true);

        assertThat(GOOGLE_BACKEND.requests()).hasSize(backendRequests);
        await().atMost(Duration.ofSeconds(10)).until(() -> refusedCallsAudited() > refusalsAudited);
        assertThat(output.getAll()).doesNotContain(token);
    }

    private static void expectInvalidToken(WebTestClient.ResponseSpec response, boolean mcp) {
        response.expectStatus().isUnauthorized()
                .expectHeader().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .expectHeader().valueEquals(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\""
                        + (mcp ? ", scope=\"mcp\", resource_metadata=\"" + MCP_METADATA + "\"" : ""))
                .expectBody().jsonPath("$.status").isEqualTo(401);
    }

    private static WebTestClient.ResponseSpec initializeMcp(WebTestClient client, String path) {
        return client.post().uri(path).contentType(MediaType.APPLICATION_JSON)
                .header(HttpHeaders.ACCEPT, "application/json, text/event-stream")
                .bodyValue(Map.of("jsonrpc", "2.0", "id", 1, "method", "initialize", "params", Map.of(
                        "protocolVersion", "2025-06-18", "capabilities", Map.of(),
                        "clientInfo", Map.of("name", "oauth-client", "version", "1"))))
                .exchange();
    }

    private int refusedCallsAudited() {
        return jdbc.queryForObject("SELECT count(*) FROM audit_event WHERE tool = 'read_file' AND status = 401", Integer.class);
    }

    /** Algorithm confusion: the IdP's public key, which anyone can fetch, used as an HMAC secret. */
    private static String hs256WithThePublicKey() {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.HS256).keyID(IDP.publicKey().getKeyID()).build(),
                    IDP.claims("john@company.com", AUDIENCE).build());
            jwt.sign(new MACSigner(IDP.publicKey().toRSAPublicKey().getEncoded()));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Another key that claims the IdP's key id. */
    private static String badSignature() {
        try {
            return TestAuthorizationServer.signWith(new RSAKeyGenerator(2048).keyID(IDP.publicKey().getKeyID()).generate(),
                    IDP.claims("john@company.com", AUDIENCE).build());
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }
}
