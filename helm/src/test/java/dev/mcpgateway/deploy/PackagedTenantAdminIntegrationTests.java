package dev.mcpgateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tenant-admin jar, laid out as its image lays it out, starts with the environment docker-compose.yml gives it
 * (see {@link PackagedComposeService} for what differs): it migrates an empty database, creates the bootstrap admin
 * from the compose variables and becomes ready.
 */
class PackagedTenantAdminIntegrationTests {

    @TempDir
    Path work;

    private PackagedComposeService tenantAdmin;

    @AfterEach
    void stop() throws Exception {
        if (tenantAdmin != null) {
            tenantAdmin.close();
        }
    }

    @Test
    void migratesCreatesTheBootstrapAdminAndBecomesReadyWithTheComposeEnvironment() throws Exception {
        tenantAdmin = PackagedComposeService.of("tenant-admin", work);

        tenantAdmin.startAndAwaitReady(Map.of());

        assertThat(platformAdmin(tenantAdmin.databaseUrl, tenantAdmin.compose.get("ADMIN_BOOTSTRAP_USERNAME"))).isTrue();
        assertThat(tenantAdmin.image.healthy("/actuator/health/liveness", tenantAdmin.managementPort)).isTrue();
        assertThat(tenantAdmin.output())
                .doesNotContain(tenantAdmin.compose.get("ADMIN_BOOTSTRAP_PASSWORD"), tenantAdmin.compose.get("VAULT_TOKEN"));
    }

    private static boolean platformAdmin(String url, String username) throws Exception {
        try (Connection connection = TestPostgres.dataSource(url).getConnection();
             PreparedStatement statement = connection.prepareStatement(
                     "SELECT platform_admin FROM admin_account WHERE lower(username) = lower(?)")) {
            statement.setString(1, username);
            try (ResultSet rows = statement.executeQuery()) {
                return rows.next() && rows.getBoolean(1);
            }
        }
    }
}
