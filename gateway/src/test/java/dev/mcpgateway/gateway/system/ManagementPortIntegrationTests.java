package dev.mcpgateway.gateway.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.gateway.TestCallers;
import dev.mcpgateway.gateway.support.ManagementPort;
import dev.mcpgateway.testing.TestPostgres;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.webtestclient.autoconfigure.AutoConfigureWebTestClient;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpHeaders;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * The actuator (health groups, prometheus, info) answers on its own management port, never on the API port: the
 * metrics name every tenant and tool. Closed after the class, like a deployment's management server.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.cloud.vault.enabled=false", TestCallers.CLIENT_KEY_PROPERTY})
@AutoConfigureWebTestClient
@DirtiesContext
class ManagementPortIntegrationTests {

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String database = TestPostgres.freshDatabaseUrl();
        registry.add("spring.datasource.url", () -> database);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    @Autowired
    private WebTestClient client;

    @Autowired
    private Environment environment;

    @Test
    void servesActuatorOnlyOnTheManagementPortNeverOnTheApiPort() {
        WebTestClient api = client.mutate().responseTimeout(Duration.ofSeconds(30)).build();
        for (String path : List.of("/actuator/prometheus", "/actuator/health", "/actuator/health/readiness", "/actuator/info")) {
            api.get().uri(path).exchange().expectStatus().isNotFound();
            api.get().uri(path).header(HttpHeaders.AUTHORIZATION, "Bearer " + TestCallers.CLIENT_KEY).exchange()
                    .expectStatus().isNotFound();
        }
        api.get().uri("/health").exchange().expectStatus().isOk();

        WebTestClient management = ManagementPort.client(environment);
        String scrape = management.get().uri("/actuator/prometheus").exchange()
                .expectStatus().isOk().expectBody(String.class).returnResult().getResponseBody();
        assertThat(scrape).contains("jvm_memory_used_bytes");
        management.get().uri("/actuator/health/readiness").exchange().expectStatus().isOk();
    }
}
