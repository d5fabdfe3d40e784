package dev.mcpgateway.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One of the two apps, run from its packaged Spring Boot jar as a child process (the gateway is WebFlux,
 * tenant-admin MVC: one JVM each, as deployed), bound to 127.0.0.1, output to a log file.
 */
final class ChildApp implements AutoCloseable {

    private static final String JAVA = Paths.get(System.getProperty("java.home"), "bin", "java").toString();

    private final String name;
    private final Path log;
    private final Process process;

    private ChildApp(String name, Path log, Process process) {
        this.name = name;
        this.log = log;
        this.process = process;
    }

    /**
     * Starts {@code jar} on {@code port} with its actuator on {@code managementPort}; settings go in as environment
     * variables (as compose and the chart pass them), so secrets never show in the process list.
     */
    static ChildApp start(String name, Path jar, int port, int managementPort, Map<String, String> environment, Path log) {
        if (!Files.isRegularFile(jar)) {
            throw new DemoRefusal("no packaged " + name + " at " + jar.toAbsolutePath()
                    + ": build it with ./mvnw -q -B package -DskipTests -pl demo-launcher -am (./demo does)");
        }
        List<String> command = new ArrayList<>(List.of(JAVA,
                // a demo starts once and serves little: quick start-up matters more than peak speed
                "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xss512k",
                "-jar", jar.toAbsolutePath().toString(),
                "--server.address=127.0.0.1", "--server.port=" + port,
                "--management.server.address=127.0.0.1", "--management.server.port=" + managementPort));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        try {
            return new ChildApp(name, log, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until {@code readinessUrl} answers 200; refuses with the end of the log when the app dies or is slow. */
    void awaitReady(String readinessUrl, Duration limit) throws InterruptedException {
        boolean ready = Await.until(limit, () -> !process.isAlive() || DemoVault.answers200(readinessUrl));
        if (!ready || !process.isAlive()) {
            throw new DemoRefusal(name + (process.isAlive() ? " did not become ready within " + limit.toSeconds() + " s"
                    : " exited with status " + process.exitValue()) + "; the end of its log (" + log + "):\n" + tail());
        }
    }

    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private String tail() {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }
}
