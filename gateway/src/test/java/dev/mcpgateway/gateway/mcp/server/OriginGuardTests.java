package dev.mcpgateway.gateway.mcp.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.gateway.config.TestGatewayProperties;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;

class OriginGuardTests {

    private final OriginGuard defaults = new OriginGuard(TestGatewayProperties.defaults());

    @Test
    void letsRequestsWithoutOriginThrough() {
        assertThat(defaults.refusal(MockServerHttpRequest.post("http://gateway:8080/mcp").build())).isNull();
    }

    @Test
    void refusesARebindingOriginAndAllowsLoopbackOrigins() {
        assertThat(defaults.refusal(post("http://evil.example.com", "evil.example.com"))).isNotNull();
        assertThat(defaults.refusal(post("http://127.0.0.1:3000", "127.0.0.1:8080"))).isNull();
        assertThat(defaults.refusal(post("http://[::1]:3000", "[::1]:8080"))).isNull();
        assertThat(defaults.refusal(post("null", "localhost"))).isNotNull();
    }

    @Test
    void allowsConfiguredOriginsOnlyAndCanRefuseLoopback() {
        OriginGuard guard = new OriginGuard(TestGatewayProperties.bind(Map.of(
                "mcpgateway.mcp.server.allowed-origins", "https://chat.example.com/",
                "mcpgateway.mcp.server.allow-loopback-origins", "false")));

        assertThat(guard.refusal(post("https://chat.example.com", "gateway.example.com"))).isNull();
        assertThat(guard.refusal(post("https://CHAT.example.com", "gateway.example.com"))).isNull();
        assertThat(guard.refusal(post("http://localhost:3000", "localhost"))).isNotNull();
    }

    @Test
    void refusesHostsOutsideTheAllowedHostsWhenSet() {
        OriginGuard guard = new OriginGuard(TestGatewayProperties.bind(Map.of(
                "mcpgateway.mcp.server.allowed-hosts", "gateway.example.com,localhost")));

        assertThat(guard.refusal(MockServerHttpRequest.post("http://gateway.example.com:8080/mcp").build())).isNull();
        assertThat(guard.refusal(MockServerHttpRequest.post("http://evil.example.com/mcp").build())).isNotNull();
    }

    private static MockServerHttpRequest post(String origin, String host) {
        return MockServerHttpRequest.post("http://" + host + "/mcp").header("Origin", origin).header("Host", host).build();
    }
}
