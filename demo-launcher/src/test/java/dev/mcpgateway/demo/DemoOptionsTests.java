package dev.mcpgateway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class DemoOptionsTests {

    @Test
    void defaultsToTheComposePortsAndTheReactorsJars() {
        DemoOptions options = DemoOptions.parse(List.of());

        assertThat(options.gatewayPort()).isEqualTo(8080);
        assertThat(options.adminPort()).isEqualTo(8090);
        assertThat(options.gatewayJar()).isEqualTo(Path.of("gateway/target/gateway-0.1.0-SNAPSHOT.jar"));
        assertThat(options.tenantsFile()).isEqualTo(Path.of("compose/tenants.yaml"));
    }

    @Test
    void takesOtherPortsFromTheCommandLine() {
        DemoOptions options = DemoOptions.parse(List.of("--gateway-port=18080", "--admin-port=18090"));

        assertThat(options.gatewayPort()).isEqualTo(18080);
        assertThat(options.adminPort()).isEqualTo(18090);
    }

    @Test
    void refusesAPortThatIsNotAPortNamingTheOption() {
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--admin-port=70000")))
                .isInstanceOf(DemoRefusal.class).hasMessage("--admin-port must be a port between 1 and 65535 (was '70000')");
    }

    @Test
    void refusesTheSamePortForBothApps() {
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--gateway-port=8090")))
                .isInstanceOf(DemoRefusal.class).hasMessageContaining("must differ");
    }

    @Test
    void refusesAnUnknownOptionWithTheUsage() {
        assertThatThrownBy(() -> DemoOptions.parse(List.of("--port=1")))
                .isInstanceOf(DemoRefusal.class).hasMessageContaining("unknown option '--port=1'").hasMessageContaining("usage: ./demo");
    }
}
