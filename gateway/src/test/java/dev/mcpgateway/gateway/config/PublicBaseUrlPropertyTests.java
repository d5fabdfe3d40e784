package dev.mcpgateway.gateway.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PublicBaseUrlPropertyTests {

    @Test
    void isUnsetByDefaultAndTakesAnAbsoluteHttpsUrl() {
        assertThat(TestGatewayProperties.defaults().publicBaseUrl()).isNull();
        assertThat(TestGatewayProperties.bind(Map.of("mcpgateway.public-base-url", "https://tools.example.com"))
                .publicBaseUrl()).isEqualTo(URI.create("https://tools.example.com"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tools.example.com", "ftp://tools.example.com", "https://tools.example.com/?a=1",
            "https://tools.example.com/#top"})
    void refusesAUrlOAuthClientsCouldNotUseAsTheResourceBase(String url) {
        assertThatThrownBy(() -> TestGatewayProperties.bind(Map.of("mcpgateway.public-base-url", url)))
                .rootCause().hasMessageContaining("mcpgateway.public-base-url must be an absolute http(s) URL");
    }
}
