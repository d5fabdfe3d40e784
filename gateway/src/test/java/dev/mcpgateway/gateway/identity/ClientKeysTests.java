package dev.mcpgateway.gateway.identity;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.gateway.config.GatewayProperties;
import dev.mcpgateway.gateway.config.TestGatewayProperties;
import dev.mcpgateway.gateway.directory.TenancySnapshot;
import dev.mcpgateway.gateway.directory.TenantDirectory;
import dev.mcpgateway.policy.KeyHashes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

class ClientKeysTests {

    private final TenantDirectory directory = new TenantDirectory();

    @Test
    void acceptsConfiguredKeysAndNamesThemByPosition() {
        ClientKeys keys = clientKeys("first-key-0123456789abcdef", "second-key-0123456789abcdef");

        assertThat(keys.clientFor("first-key-0123456789abcdef")).isEqualTo("config-key-1");
        assertThat(keys.clientFor("second-key-0123456789abcdef")).isEqualTo("config-key-2");
    }

    @Test
    void refusesUnknownKeys() {
        ClientKeys keys = clientKeys("first-key-0123456789abcdef");

        assertThat(keys.clientFor("first-key-0123456789abcdeF")).isNull();
        assertThat(keys.clientFor("first-key")).isNull();
        assertThat(keys.clientFor("")).isNull();
        assertThat(keys.clientFor(null)).isNull();
        assertThat(keys.clientFor("x".repeat(5000))).isNull();
    }

    @Test
    void acceptsActiveDatabaseKeysByTheirHash() {
        ClientKeys keys = clientKeys();
        directory.replace(new TenancySnapshot(Map.of(), Map.of(), Map.of(KeyHashes.sha256Hex("db-key-0123456789"), "open-webui-prod")));

        assertThat(keys.clientFor("db-key-0123456789")).isEqualTo("open-webui-prod");
        assertThat(keys.clientFor("db-key-012345678")).isNull();
    }

    @Test
    void knowsWhetherAnyKeyExists() {
        assertThat(clientKeys().anyKeyExists()).isFalse();
        assertThat(clientKeys("first-key-0123456789abcdef").anyKeyExists()).isTrue();

        ClientKeys databaseOnly = clientKeys();
        directory.replace(new TenancySnapshot(Map.of(), Map.of(), Map.of(KeyHashes.sha256Hex("k"), "c")));
        assertThat(databaseOnly.anyKeyExists()).isTrue();
    }

    @Test
    void ignoresBlankConfiguredKeys() {
        ClientKeys keys = clientKeys("", "  ");

        assertThat(keys.anyKeyExists()).isFalse();
        assertThat(keys.clientFor("  ")).isNull();
    }

    @Test
    void bindsAnEmptyEnvironmentValueAsNoKeys() {
        // application.yml maps MCPGATEWAY_CLIENT_KEYS with an empty default; that must not become one empty key.
        GatewayProperties properties = TestGatewayProperties.bind(Map.of("mcpgateway.security.client-keys", ""));

        assertThat(properties.security().clientKeys()).isEmpty();
    }

    @Test
    void neverRendersConfiguredKeys() {
        assertThat(new GatewayProperties.Security(List.of("secret-key-0123456789abcdef")).toString())
                .doesNotContain("secret-key");
    }

    private ClientKeys clientKeys(String... configured) {
        Map<String, String> properties = new HashMap<>();
        for (int i = 0; i < configured.length; i++) {
            properties.put("mcpgateway.security.client-keys[" + i + "]", configured[i]);
        }
        return new ClientKeys(TestGatewayProperties.bind(properties), directory, new ClientKeyUsage(new JdbcTemplate()));
    }
}
