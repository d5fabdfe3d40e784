package dev.mcpgateway.admin.system;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.admin.AdminTestSupport;
import dev.mcpgateway.testing.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Actuator answers on the management port only; the API port serves none of it (the metrics name every tenant). */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.cloud.vault.enabled=false",
        "mcpgateway.admin.bootstrap.username=" + AdminTestSupport.ADMIN,
        "mcpgateway.admin.bootstrap.password=" + AdminTestSupport.ADMIN_PASSWORD,
})
class ManagementPortIntegrationTests {

    private final HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build();

    @LocalServerPort
    private int port;

    @LocalManagementPort
    private int managementPort;

    @DynamicPropertySource
    static void database(DynamicPropertyRegistry registry) {
        String url = TestPostgres.freshDatabaseUrl();
        registry.add("spring.datasource.url", () -> url);
        registry.add("spring.datasource.username", () -> "postgres");
        registry.add("spring.datasource.password", () -> "postgres");
    }

    @Test
    void managementPortServesHealthProbesAndMetricsWithoutSignIn() throws Exception {
        assertThat(managementPort).isNotEqualTo(port);
        assertThat(get(managementPort, "/actuator/health/readiness").statusCode()).isEqualTo(200);
        assertThat(get(managementPort, "/actuator/health/liveness").statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = get(managementPort, "/actuator/prometheus");
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_");
    }

    @Test
    void apiPortServesNoActuatorEndpoints() throws Exception {
        for (String path : new String[] {"/actuator/prometheus", "/actuator/health", "/actuator/info"}) {
            HttpResponse<String> response = get(port, path);
            assertThat(response.statusCode()).as(path).isNotEqualTo(200);
            assertThat(response.body()).as(path).doesNotContain("jvm_").doesNotContain("\"UP\"");
        }
    }

    private HttpResponse<String> get(int port, String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).timeout(Duration.ofSeconds(10))
                .build(), HttpResponse.BodyHandlers.ofString());
    }
}
