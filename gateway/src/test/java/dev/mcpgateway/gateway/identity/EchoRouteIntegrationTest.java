package dev.mcpgateway.gateway.identity;

import dev.mcpgateway.gateway.support.HeaderEchoBackend;
import dev.mcpgateway.testing.TestPostgres;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The gateway (subclasses add {@code @SpringBootTest} with their identity settings) on a fresh real Postgres
 * database, with a {@code /tools/echo/**} route to a {@link HeaderEchoBackend} and the {@link IdentityProbe}, which
 * shows the backend what identity the gateway resolved. The backend serves every subclass and lives as long as the
 * test JVM.
 */
@AutoConfigureWebTestClient
@Import(IdentityProbe.class)
abstract class EchoRouteIntegrationTest {

    static final String TOOL = "/tools/echo/read_file";
    static final HeaderEchoBackend BACKEND = HeaderEchoBackend.start();

    @DynamicPropertySource
    static void properties(DynamicPropertyRegistry registry) {
        registry.add("spring.datasource.url", TestPostgres::freshDatabaseUrl);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
        BACKEND.addRoute(registry);
    }

    @Autowired
    WebTestClient client;

    @BeforeEach
    void allowForSlowFirstRequest() {
        // The machine is shared: the first request of a fresh context (class loading, JIT) can take seconds.
        client = client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
    }

    /** The first value of each header the backend received (by lower-case name), for a request that must succeed. */
    @SuppressWarnings("unchecked")
    Map<String, String> headersSeenByBackend(WebTestClient.RequestHeadersSpec<?> request) {
        Map<String, Object> answer = request.exchange()
                .expectStatus().isOk()
                .expectBody(Map.class).returnResult().getResponseBody();
        return HeaderEchoBackend.firstHeaderValues(answer);
    }
}
