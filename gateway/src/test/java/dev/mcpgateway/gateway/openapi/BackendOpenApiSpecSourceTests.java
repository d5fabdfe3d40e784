package dev.mcpgateway.gateway.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.gateway.config.TestGatewayProperties;
import dev.mcpgateway.gateway.credential.BackendCredentials;
import dev.mcpgateway.gateway.directory.BackendType;
import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.policy.AccessLevel;
import dev.mcpgateway.policy.TenantPolicy;
import dev.mcpgateway.testing.FakeMcpoServer;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

class BackendOpenApiSpecSourceTests {

    @Test
    void fetchesTheSpecWithTheTenantsCredentials() throws Exception {
        BackendCredentials vault = tenantId -> {
            HttpHeaders headers = new HttpHeaders();
            headers.setBearerAuth("backend-secret-of-" + tenantId);
            return Mono.just(headers);
        };
        BackendOpenApiSpecSource source = BackendOpenApiSpecSource.create(
                TestGatewayProperties.defaults().openapi(), vault, JsonMapper.builder().build());
        try (FakeMcpoServer backend = FakeMcpoServer.start()) {
            JsonNode spec = source.fetchSpec(tenant(backend.url() + "/")).block(Duration.ofSeconds(30));

            assertThat(spec.path("paths").has("/read_file")).isTrue();
            FakeMcpoServer.Request request = backend.requests().get(0);
            assertThat(request.path()).isEqualTo("/openapi.json");
            assertThat(request.headers()).containsEntry("authorization", "Bearer backend-secret-of-google");
        } finally {
            source.destroy();
        }
    }

    @Test
    void findsTheSpecNextToAMountedMcpoServer() {
        assertThat(BackendOpenApiSpecSource.specUri(URI.create("http://mcpo:8000/filesystem")))
                .isEqualTo(URI.create("http://mcpo:8000/filesystem/openapi.json"));
        assertThat(BackendOpenApiSpecSource.specUri(URI.create("http://mcpo:8000/")))
                .isEqualTo(URI.create("http://mcpo:8000/openapi.json"));
    }

    private static Tenant tenant(String url) {
        return new Tenant("google", "Google", URI.create(url), BackendType.OPENAPI, true, false,
                new TenantPolicy(AccessLevel.READ, List.of()));
    }
}
