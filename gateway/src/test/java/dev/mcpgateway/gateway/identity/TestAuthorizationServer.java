package dev.mcpgateway.gateway.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleException;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.annotation.web.configuration.OAuth2AuthorizationServerConfiguration;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.core.AuthorizationGrantType;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.oauth2.server.authorization.client.InMemoryRegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real OAuth 2.0 authorization server for tests: Spring Authorization Server (OIDC discovery, JWKS, token endpoint)
 * on its own embedded Tomcat on 127.0.0.1 and a random port. Tokens come from the client-credentials grant, with the
 * claims a test asks for added by an {@link OAuth2TokenCustomizer}. Its signing key can be rotated, the server stopped
 * (an IdP outage), and the number of JWKS fetches counted. {@link #sign} mints tokens with the current key directly,
 * for claims the token endpoint would never issue (expired, no audience).
 */
public final class TestAuthorizationServer implements AutoCloseable {

    static final String CLIENT_ID = "gateway-tests";
    private static final String CLIENT_SECRET = "client-secret-for-tests";
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Tomcat tomcat;
    private final String issuer;
    private final AtomicReference<RSAKey> signingKey = new AtomicReference<>(newKey());
    private final AtomicReference<Map<String, Object>> nextClaims = new AtomicReference<>(Map.of());
    private final AtomicReference<Map<String, Object>> standingClaims = new AtomicReference<>(Map.of());
    private final AtomicInteger jwksFetches = new AtomicInteger();
    private final AnnotationConfigApplicationContext spring;

    private TestAuthorizationServer() throws LifecycleException, IOException {
        AtomicReference<Filter> securityFilters = new AtomicReference<>();
        tomcat = new Tomcat();
        tomcat.setBaseDir(Files.createTempDirectory("test-idp").toString());
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", "127.0.0.1");
        connector.setProperty("bindOnInit", "false"); // stop() closes the port: an IdP outage refuses connections
        tomcat.setConnector(connector);
        Context context = tomcat.addContext("", null);
        FilterDef filter = new FilterDef();
        filter.setFilterName("authorizationServer");
        filter.setFilter((request, response, chain) -> {
            if ("/oauth2/jwks".equals(((HttpServletRequest) request).getRequestURI())) {
                jwksFetches.incrementAndGet();
            }
            securityFilters.get().doFilter(request, response, chain);
        });
        context.addFilterDef(filter);
        FilterMap mapping = new FilterMap();
        mapping.setFilterName("authorizationServer");
        mapping.addURLPattern("/*");
        context.addFilterMap(mapping);
        Tomcat.addServlet(context, "notFound", new HttpServlet() {
            @Override
            protected void service(HttpServletRequest request, HttpServletResponse response) {
                response.setStatus(404);
            }
        });
        context.addServletMappingDecoded("/", "notFound");
        tomcat.start();
        issuer = "http://127.0.0.1:" + connector.getLocalPort();

        spring = new AnnotationConfigApplicationContext();
        spring.registerBean(TestAuthorizationServer.class, () -> this);
        spring.register(ServerConfiguration.class);
        spring.refresh();
        securityFilters.set(spring.getBean("springSecurityFilterChain", Filter.class));
    }

    public static TestAuthorizationServer start() {
        try {
            return new TestAuthorizationServer();
        } catch (LifecycleException | IOException e) {
            throw new IllegalStateException("the test authorization server did not start", e);
        }
    }

    public String issuer() {
        return issuer;
    }

    /** How many times the JWKS was fetched. */
    public int jwksFetches() {
        return jwksFetches.get();
    }

    /** A new signing key replaces the old one, which the JWKS no longer lists. */
    public void rotateKey() {
        signingKey.set(newKey());
    }

    /** The current signing key's public half. */
    public RSAKey publicKey() {
        return signingKey.get().toPublicJWK();
    }

    /** The client id an OAuth client (e.g. the MCP SDK's client-credentials provider) authenticates with. */
    public String clientId() {
        return CLIENT_ID;
    }

    public String clientSecret() {
        return CLIENT_SECRET;
    }

    /**
     * Every token the endpoint issues from now on, also to clients other than this test code, is for {@code email}
     * and {@code audience}: the person an OAuth client acts for.
     */
    public void issueTokensFor(String email, String audience) {
        standingClaims.set(Map.of("email", email, "aud", List.of(audience)));
    }

    /** An access token from the token endpoint (client credentials) carrying {@code claims} besides the usual ones. */
    public synchronized String token(Map<String, Object> claims) {
        nextClaims.set(claims);
        String basic = Base64.getEncoder().encodeToString((CLIENT_ID + ":" + CLIENT_SECRET).getBytes(StandardCharsets.UTF_8));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuer + "/oauth2/token"))
                .header("Authorization", "Basic " + basic)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials&scope=mcp"))
                .timeout(Duration.ofSeconds(10))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("token endpoint answered " + response.statusCode() + ": " + response.body());
            }
            JsonNode body = JSON.readTree(response.body());
            return body.get("access_token").asString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } finally {
            nextClaims.set(Map.of());
        }
    }

    /** An access token for {@code email} with audience {@code audience}, from the token endpoint. */
    public String tokenFor(String email, String audience) {
        return token(Map.of("email", email, "aud", List.of(audience)));
    }

    /** Claims the token endpoint would issue for {@code email}: this issuer, {@code audience}, valid for 5 minutes. */
    public JWTClaimsSet.Builder claims(String email, String audience) {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder().issuer(issuer).subject(CLIENT_ID).audience(audience).claim("email", email)
                .issueTime(Date.from(now)).notBeforeTime(Date.from(now)).expirationTime(Date.from(now.plusSeconds(300)))
                .jwtID(UUID.randomUUID().toString());
    }

    /** {@code claims} signed RS256 with the server's current key, as the server itself would sign them. */
    public String sign(JWTClaimsSet claims) {
        return signWith(signingKey.get(), claims);
    }

    static String signWith(RSAKey key, JWTClaimsSet claims) {
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID())
                    .type(JOSEObjectType.JWT).build(), claims);
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    static RSAKey newKey() {
        try {
            return new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Stops answering: an IdP outage. */
    public void stop() {
        try {
            tomcat.stop();
        } catch (LifecycleException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        stop();
        spring.close();
        try {
            tomcat.destroy();
        } catch (LifecycleException e) {
            // already stopping; nothing left to release
        }
    }

    /** Deliberately not a {@code @Configuration}: the gateway's component scan in tests must not pick it up. */
    @EnableWebSecurity
    static class ServerConfiguration {

        @Bean
        SecurityFilterChain authorizationServerFilters(HttpSecurity http) throws Exception {
            http.oauth2AuthorizationServer(server -> server.oidc(Customizer.withDefaults()))
                    .authorizeHttpRequests(requests -> requests.anyRequest().authenticated())
                    .csrf(csrf -> csrf.disable());
            return http.build();
        }

        @Bean
        RegisteredClientRepository clients() {
            return new InMemoryRegisteredClientRepository(RegisteredClient.withId("1")
                    .clientId(CLIENT_ID)
                    .clientSecret("{noop}" + CLIENT_SECRET)
                    .clientAuthenticationMethod(ClientAuthenticationMethod.CLIENT_SECRET_BASIC)
                    .authorizationGrantType(AuthorizationGrantType.CLIENT_CREDENTIALS)
                    .scope("mcp")
                    .build());
        }

        /** The JWKS and the token signer both see the current key, so rotating it is one assignment. */
        @Bean
        JWKSource<SecurityContext> keys(TestAuthorizationServer server) {
            return (selector, context) -> selector.select(new JWKSet(server.signingKey.get()));
        }

        /** OIDC's userinfo endpoint checks tokens with it. */
        @Bean
        JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys) {
            return OAuth2AuthorizationServerConfiguration.jwtDecoder(keys);
        }

        @Bean
        AuthorizationServerSettings settings(TestAuthorizationServer server) {
            return AuthorizationServerSettings.builder().issuer(server.issuer).build();
        }

        /**
         * Adds the claims the test asked for (standing ones, then those of one {@link #token} call); {@code aud}
         * replaces the default audience (the client id).
         */
        @Bean
        OAuth2TokenCustomizer<JwtEncodingContext> claims(TestAuthorizationServer server) {
            return context -> context.getClaims().claims(claims -> {
                claims.putAll(server.standingClaims.get());
                claims.putAll(server.nextClaims.get());
            });
        }
    }
}
