package dev.mcpgateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.mcpgateway.testing.FakeVault;
import dev.mcpgateway.testing.TestPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One app of docker-compose.yml, run from its packaged jar laid out as its image lays it out ({@link ImageLayout}),
 * with the environment the compose file gives its service. Only PostgreSQL's address (a fresh embedded database),
 * Vault's (a KV v2 stand-in holding the compose file's token), the database credentials, the port and whatever a test
 * overrides explicitly differ from the compose file.
 */
final class PackagedComposeService implements AutoCloseable {

    final ImageLayout image;
    final Map<String, String> compose;
    final String databaseUrl = TestPostgres.freshDatabaseUrl();
    final FakeVault vault;
    final int port;
    final int managementPort;
    final Path log;
    private final String module;
    private Process process;

    private PackagedComposeService(String module, ImageLayout image, Map<String, String> compose, Path log) throws IOException {
        this.module = module;
        this.image = image;
        this.compose = compose;
        this.vault = FakeVault.start(compose.get("VAULT_TOKEN"), "secret");
        this.port = freePort();
        this.managementPort = freePort();
        this.log = log;
    }

    /**
     * Lays out the jar of {@code module} (system property {@code <module>.jar}, else the reactor's
     * {@code ../<module>/target/<module>-0.1.0-SNAPSHOT.jar}) in {@code work}, for the compose service of the same name.
     */
    static PackagedComposeService of(String module, Path work) throws Exception {
        Path jar = Paths.get(System.getProperty(module + ".jar", "../" + module + "/target/" + module + "-0.1.0-SNAPSHOT.jar"));
        assertThat(jar).as("the packaged " + module + " jar (./mvnw package -pl " + module + ")").exists();
        return new PackagedComposeService(module, ImageLayout.build(module, jar, work),
                Compose.environment(Compose.services().get(module)), work.resolve(module + ".log"));
    }

    /** The database settings alone, as a one-shot command in the image (e.g. the chart's migration Job) gets them. */
    Map<String, String> databaseEnvironment() {
        return Map.of("DATABASE_URL", databaseUrl, "DATABASE_USERNAME", "postgres", "DATABASE_PASSWORD", "postgres");
    }

    /**
     * Starts the image's entrypoint with the compose environment (plus {@code overrides} of variables the compose
     * file also sets) and waits until the image's HEALTHCHECK passes.
     */
    void startAndAwaitReady(Map<String, String> overrides) throws IOException {
        Map<String, String> environment = new LinkedHashMap<>(compose);
        environment.putAll(databaseEnvironment());
        environment.put("VAULT_ADDR", vault.uri());
        environment.put("PORT", String.valueOf(port));
        environment.put("MANAGEMENT_SERVER_PORT", String.valueOf(managementPort));
        environment.putAll(overrides);
        assertThat(environment.keySet()).as("only variables the compose file sets").isEqualTo(compose.keySet());

        process = image.start(environment, log);
        await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofSeconds(2)).untilAsserted(() -> {
            assertThat(process.isAlive()).as(module + " exited:\n" + tail()).isTrue();
            assertThat(image.healthy(managementPort)).as("the image's HEALTHCHECK (readiness)").isTrue();
        });
    }

    String output() throws IOException {
        return Files.readString(log);
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(log);
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    }

    @Override
    public void close() throws InterruptedException {
        if (process != null) {
            process.destroy();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        vault.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
