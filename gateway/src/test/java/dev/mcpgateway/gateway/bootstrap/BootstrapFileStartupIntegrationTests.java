package dev.mcpgateway.gateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgateway.gateway.DemoTenantsFile;
import dev.mcpgateway.gateway.GatewayApplication;
import dev.mcpgateway.testing.TestPostgres;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The real application: Flyway migrates an empty database, the bootstrap file applies, a bad file stops startup. */
class BootstrapFileStartupIntegrationTests {

    @Test
    void migratesAndAppliesTheDemoFileAtStartup() {
        String database = TestPostgres.freshDatabaseUrl();
        try (ConfigurableApplicationContext context = start(database, DemoTenantsFile.write(DemoTenantsFile.text()))) {
            assertThat(context.isRunning()).isTrue();
        }
        Integer members = new JdbcTemplate(TestPostgres.dataSource(database))
                .queryForObject("SELECT count(*) FROM tenant_member", Integer.class);
        assertThat(members).isEqualTo(12);
    }

    @Test
    void refusesToStartWithABadFileNamingTheLineAndField() {
        String database = TestPostgres.freshDatabaseUrl();
        Path bad = DemoTenantsFile.write(DemoTenantsFile.text().replace("accessLevel: admin }", "accessLevel: owner }"));

        assertThatThrownBy(() -> start(database, bad).close())
                .rootCause()
                .isInstanceOf(BootstrapFileException.class)
                .hasMessageStartingWith(bad + ":13: tenants[0].members[1].accessLevel: access level must be one of");
        Integer tenants = new JdbcTemplate(TestPostgres.dataSource(database))
                .queryForObject("SELECT count(*) FROM tenant", Integer.class);
        assertThat(tenants).isZero();
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void countsTheConfiguredClientKeysInTheStartupLog(CapturedOutput output) {
        String database = TestPostgres.freshDatabaseUrl();
        try (ConfigurableApplicationContext context = start(database, DemoTenantsFile.write(DemoTenantsFile.text()),
                "--mcpgateway.security.client-keys=first-configured-key-0123456789abcdef,second-configured-key-0123456789ab")) {
            assertThat(context.isRunning()).isTrue();
        }

        assertThat(output.getAll()).contains("2 client keys (2 configured, 0 in the database)")
                .doesNotContain("first-configured-key", "second-configured-key");
    }

    private static ConfigurableApplicationContext start(String database, Path bootstrapFile, String... moreArguments) {
        // Command-line arguments: they outrank application.yml (builder properties would not).
        return new SpringApplicationBuilder(GatewayApplication.class).run(Stream.concat(Stream.of(
                "--server.port=0",
                "--management.server.port=0",
                "--spring.cloud.vault.enabled=false",
                "--spring.datasource.url=" + database,
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=postgres",
                "--mcpgateway.bootstrap.file=" + bootstrapFile), Stream.of(moreArguments)).toArray(String[]::new));
    }
}
