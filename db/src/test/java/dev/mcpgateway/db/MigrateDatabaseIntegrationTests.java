package dev.mcpgateway.db;

import static org.assertj.core.api.Assertions.assertThat;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.Test;

/** The migration entry point the chart's Job runs brings an empty database to the newest schema, and is idempotent. */
class MigrateDatabaseIntegrationTests {

    @Test
    void migratesAnEmptyDatabaseOnceAndThenDoesNothing() throws Exception {
        try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
            String url = postgres.getJdbcUrl("postgres", "postgres");

            MigrateResult first = MigrateDatabase.migrate(url, "postgres", "postgres");
            MigrateResult second = MigrateDatabase.migrate(url, "postgres", "postgres");

            assertThat(first.migrationsExecuted).isPositive();
            assertThat(second.migrationsExecuted).isZero();
            try (Connection connection = postgres.getPostgresDatabase().getConnection();
                 Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery("SELECT count(*) FROM tenant")) {
                assertThat(rows.next()).isTrue();
            }
        }
    }
}
