package dev.mcpgateway.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.gateway.config.TestGatewayProperties;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;

class ProtectedResourcesTests {

    private static final String ISSUER = "https://sso.example.test/realms/acme";

    @Test
    void namesTheConfiguredScopesInTheChallengeOfTheMcpEndpoints() {
        ProtectedResources resources = resources(List.of("mcp", "tools.read"));

        assertThat(resources.challenge(post("/mcp"), false)).isEqualTo("Bearer scope=\"mcp tools.read\", "
                + "resource_metadata=\"https://tools.example.test/.well-known/oauth-protected-resource/mcp\"");
        assertThat(resources.challenge(post("/tools/google/mcp"), true)).isEqualTo("Bearer error=\"invalid_token\", "
                + "scope=\"mcp tools.read\", "
                + "resource_metadata=\"https://tools.example.test/.well-known/oauth-protected-resource/tools/google/mcp\"");
    }

    @Test
    void leavesTheScopeOutWhenNoneIsConfiguredAndOffTheMcpEndpoints() {
        assertThat(resources(List.of()).challenge(post("/mcp"), false))
                .isEqualTo("Bearer resource_metadata=\"https://tools.example.test/.well-known/oauth-protected-resource/mcp\"");
        assertThat(resources(List.of("mcp")).challenge(post("/tools/google/read_file"), true))
                .isEqualTo("Bearer error=\"invalid_token\"");
        assertThat(resources(List.of("mcp")).challenge(post("/tenants"), false)).isEqualTo("Bearer");
    }

    private static ProtectedResources resources(List<String> scopes) {
        return new ProtectedResources(new OidcProperties(ISSUER, List.of("https://tools.example.test/mcp"), "email", null,
                scopes, Duration.ofSeconds(60), Duration.ofMinutes(5), Duration.ofSeconds(5)),
                TestGatewayProperties.bind(Map.of("mcpgateway.public-base-url", "https://tools.example.test")));
    }

    private static MockServerWebExchange post(String path) {
        return MockServerWebExchange.from(MockServerHttpRequest.post(path));
    }
}
