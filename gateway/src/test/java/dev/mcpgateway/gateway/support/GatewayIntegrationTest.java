package dev.mcpgateway.gateway.support;

import dev.mcpgateway.gateway.tenant.BackendType;
import dev.mcpgateway.gateway.tenant.TenancySnapshot;
import dev.mcpgateway.gateway.tenant.Tenant;
import dev.mcpgateway.gateway.tenant.TenantDirectory;
import dev.mcpgateway.policy.AccessLevel;
import dev.mcpgateway.policy.TenantPolicy;
import dev.mcpgateway.testing.FakeMcpoServer;
import dev.mcpgateway.testing.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway on a random port against a fresh real Postgres, with the demo tenants: google and microsoft served by
 * in-test mcpo backends, company-c pointing at a closed port, {@code broken} at a backend whose spec fails, and a
 * disabled {@code archived}. One client key is configured and plain Open WebUI user headers are trusted behind it,
 * so tests name the caller with {@code X-OpenWebUI-User-Email}. Subclasses share one application context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
@Import(GatewayIntegrationTest.TestMembership.class)
public abstract class GatewayIntegrationTest {

    protected static final FakeMcpoServer GOOGLE_BACKEND = FakeMcpoServer.start();
    protected static final FakeMcpoServer MICROSOFT_BACKEND = FakeMcpoServer.start();
    protected static final FakeMcpoServer BROKEN_BACKEND = FakeMcpoServer.start();
    protected static final String DOWN_BACKEND_URL = "http://127.0.0.1:" + closedPort();

    static {
        BROKEN_BACKEND.answerSpecWith(500);
    }

    /** The one client key configured; its client name is {@code config-key-1}. */
    protected static final String CLIENT_KEY = "test-client-key-0123456789abcdef0123456789abcdef";
    protected static final String EMAIL_HEADER = "X-OpenWebUI-User-Email";

    /** Sends the client key on every request, as Open WebUI does for a connection with a bearer key. */
    @Autowired
    protected WebTestClient client;

    /** Sends no client key. */
    protected WebTestClient withoutClientKey;

    @Autowired
    protected TenantDirectory directory;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        String database = TestPostgres.freshDatabaseUrl();
        registry.add("spring.datasource.url", () -> database);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("spring.cloud.vault.enabled", () -> "false");
        registry.add("mcpgateway.security.client-keys", () -> CLIENT_KEY);
        registry.add("mcpgateway.identity.trust-plain-headers", () -> "true");
        registry.add("mcpgateway.audit.flush-interval", () -> "100ms");
        registry.add("mcpgateway.openapi.fetch-timeout", () -> "10s");
        // Until tenant routes come from the directory: one route to google's backend, as the route locator makes them.
        registry.add("spring.cloud.gateway.server.webflux.routes[0].id", () -> "tenant-google");
        registry.add("spring.cloud.gateway.server.webflux.routes[0].uri", GOOGLE_BACKEND::url);
        registry.add("spring.cloud.gateway.server.webflux.routes[0].predicates[0]", () -> "Path=/tools/google/**");
        registry.add("spring.cloud.gateway.server.webflux.routes[0].filters[0]", () -> "StripPrefix=2");
    }

    @BeforeEach
    void demoTenants() {
        // The machine is shared: allow for a slow first request (class loading, JIT).
        withoutClientKey = client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        client = withoutClientKey.mutate()
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + CLIENT_KEY)
                .build();
        TenancySnapshot demo = DemoTenancy.snapshot(GOOGLE_BACKEND.url(), MICROSOFT_BACKEND.url(), DOWN_BACKEND_URL);
        Map<String, Tenant> tenants = new HashMap<>(demo.tenants());
        tenants.put("broken", new Tenant("broken", "Broken", URI.create(BROKEN_BACKEND.url()), BackendType.OPENAPI, true,
                false, new TenantPolicy(AccessLevel.READ, List.of())));
        directory.replace(new TenancySnapshot(Map.copyOf(tenants), demo.memberships(), demo.clientKeys()));
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestMembership {

        @Bean
        TestMembershipFilter testMembershipFilter(TenantDirectory directory) {
            return new TestMembershipFilter(directory);
        }
    }
}
