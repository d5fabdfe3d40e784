package dev.mcpgateway.gateway.support;

import static org.awaitility.Awaitility.await;

import dev.mcpgateway.gateway.directory.TenantDirectory;
import dev.mcpgateway.testing.FakeMcpoServer;
import dev.mcpgateway.testing.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.http.HttpHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway on a random port against a fresh real Postgres, with tenants from a bootstrap file: google and
 * microsoft served by in-test mcpo backends, company-c pointing at a closed port, {@code broken} at a backend whose
 * spec fails, and a disabled {@code archived}. One client key is configured and plain Open WebUI user headers are
 * trusted behind it, so tests name the caller with {@code X-OpenWebUI-User-Email}. Subclasses share one context.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@AutoConfigureWebTestClient
public abstract class GatewayIntegrationTest {

    protected static final FakeMcpoServer GOOGLE_BACKEND = FakeMcpoServer.start();
    protected static final FakeMcpoServer MICROSOFT_BACKEND = FakeMcpoServer.start();
    protected static final FakeMcpoServer BROKEN_BACKEND = FakeMcpoServer.start();
    protected static final String DOWN_BACKEND_URL = "http://127.0.0.1:" + closedPort();

    /** The one client key configured; its client name is {@code config-key-1}. */
    protected static final String CLIENT_KEY = "test-client-key-0123456789abcdef0123456789abcdef";
    protected static final String EMAIL_HEADER = "X-OpenWebUI-User-Email";

    static {
        BROKEN_BACKEND.answerSpecWith(500);
    }

    /** Sends the client key on every request, as Open WebUI does for a connection with a bearer key. */
    @Autowired
    protected WebTestClient client;

    /** Sends no client key. */
    protected WebTestClient withoutClientKey;

    /**
     * The actuator of this shared context, which serves it on the API port: a second (management) server in a
     * context cached for the whole run was stopped whenever another gateway in this JVM shut down.
     * ManagementPortIntegrationTests checks the separate management port.
     */
    protected WebTestClient management;

    @Autowired
    protected TenantDirectory directory;

    @DynamicPropertySource
    static void gatewayProperties(DynamicPropertyRegistry registry) {
        String database = TestPostgres.freshDatabaseUrl();
        registry.add("spring.datasource.url", () -> database);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        registry.add("spring.cloud.vault.enabled", () -> "false");
        registry.add("mcpgateway.bootstrap.file", GatewayIntegrationTest::bootstrapFile);
        registry.add("mcpgateway.security.client-keys", () -> CLIENT_KEY);
        registry.add("mcpgateway.identity.trust-plain-headers", () -> "true");
        registry.add("mcpgateway.audit.flush-interval", () -> "100ms");
        registry.add("mcpgateway.openapi.fetch-timeout", () -> "10s");
        registry.add("management.server.port", () -> "");
    }

    @BeforeEach
    void clientsWithAndWithoutKey() {
        // The machine is shared: allow for a slow first request (class loading, JIT).
        withoutClientKey = client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        client = withoutClientKey.mutate()
                .defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + CLIENT_KEY)
                .build();
        management = withoutClientKey;
        await().atMost(Duration.ofSeconds(30)).until(() -> directory.current().tenant("broken").isPresent());
    }

    private static String bootstrapFile() {
        String yaml = """
                tenants:
                  - id: google
                    displayName: Google
                    backendUrl: %s
                    members:
                      - { email: john@company.com, accessLevel: write }
                      - { email: admin@company.com, accessLevel: admin }
                      - { email: sarah@google.com, accessLevel: write }
                      - { email: reader@google.com, accessLevel: read }
                    toolRules:
                      - { tool: write_file, level: write }
                      - { tool: edit_file, level: write }
                      - { tool: create_directory, level: write }
                      - { tool: move_file, level: admin }
                  - id: microsoft
                    displayName: Microsoft
                    backendUrl: %s
                    members:
                      - { email: john@company.com, accessLevel: write }
                      - { email: admin@company.com, accessLevel: admin }
                      - { email: mike@microsoft.com, accessLevel: write }
                    toolRules:
                      - { tool: write_file, level: write }
                      - { tool: edit_file, level: write }
                      - { tool: move_file, level: deny }
                  - id: company-c
                    displayName: Company C
                    backendUrl: %s
                    members:
                      - { email: admin@company.com, accessLevel: admin }
                      - { email: alice@companyc.com, accessLevel: write }
                  - id: archived
                    displayName: Archived
                    backendUrl: %s
                    enabled: false
                    members:
                      - { email: sarah@google.com, accessLevel: read }
                  - id: broken
                    displayName: Broken
                    backendUrl: %s
                """.formatted(GOOGLE_BACKEND.url(), MICROSOFT_BACKEND.url(), DOWN_BACKEND_URL, GOOGLE_BACKEND.url(),
                BROKEN_BACKEND.url());
        try {
            Path file = Files.createTempFile("gateway-test-tenants", ".yaml");
            file.toFile().deleteOnExit();
            return Files.writeString(file, yaml).toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
