package dev.mcpgateway.db;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Applies this module's migrations and exits: the Helm chart's pre-install/pre-upgrade Job runs it, so the schema
 * is current before any new gateway pod starts. It reads the same variables as the apps ({@code DATABASE_URL},
 * {@code DATABASE_USERNAME}, {@code DATABASE_PASSWORD}) and needs Flyway and the PostgreSQL driver on the class path,
 * which both app images carry: {@code java -cp '/app/BOOT-INF/classes:/app/BOOT-INF/lib/*' dev.mcpgateway.db.MigrateDatabase}.
 */
public final class MigrateDatabase {

    /** Where the migrations live inside this module's jar. */
    public static final String LOCATION = "classpath:db/migration";

    private MigrateDatabase() {
    }

    public static void main(String[] args) {
        String url = System.getenv("DATABASE_URL");
        if (url == null || url.isBlank()) {
            System.err.println("DATABASE_URL (a jdbc:postgresql:// URL) is required");
            System.exit(2);
        }
        MigrateResult result = migrate(url, System.getenv("DATABASE_USERNAME"), System.getenv("DATABASE_PASSWORD"));
        System.out.println("schema at version " + result.targetSchemaVersion + " (" + result.migrationsExecuted
                + " migrations applied)");
    }

    /** Migrates the database at {@code url} to the newest version; a no-op when it is already there. */
    public static MigrateResult migrate(String url, String username, String password) {
        return Flyway.configure()
                .dataSource(url, username, password)
                .locations(LOCATION)
                .load()
                .migrate();
    }
}
