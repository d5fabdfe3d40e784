package dev.mcpgateway.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.testing.TestPostgres;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/** The default: plain {@code X-OpenWebUI-User-*} headers prove nothing, even behind a valid client key. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.vault.enabled=false",
        "mcpgateway.security.client-keys=" + UntrustedPlainHeadersIntegrationTests.KEY})
@AutoConfigureWebTestClient
@Import(IdentityProbe.class)
class UntrustedPlainHeadersIntegrationTests {

    static final String KEY = "untrusted-client-key-0123456789abcdef";
    private static final HeaderEchoBackend BACKEND = HeaderEchoBackend.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestPostgres::freshDatabaseUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        BACKEND.addRoute(registry);
    }

    @AfterAll
    static void stopBackend() {
        BACKEND.close();
    }

    @Autowired
    private WebTestClient client;

    @BeforeEach
    void allowForSlowFirstRequest() {
        // The machine is shared: the first request of a fresh context (class loading, JIT) can take seconds.
        client = client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    }

    @Test
    void ignoresPlainHeadersWithValidKeyWhenTrustIsOff() {
        @SuppressWarnings("unchecked")
        Map<String, String> seen = client.post().uri("/tools/echo/read_file")
                .headers(headers -> {
                    headers.setBearerAuth(KEY);
                    headers.set("X-OpenWebUI-User-Email", "admin@company.com");
                    headers.set("X-OpenWebUI-User-Role", "admin");
                })
                .contentType(MediaType.APPLICATION_JSON).bodyValue("{}").exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();

        assertThat(seen).doesNotContainKey("x-seen-email")
                .containsEntry("x-seen-client", "config-key-1")
                .doesNotContainKeys("authorization", "x-openwebui-user-email", "x-openwebui-user-role");
    }
}
