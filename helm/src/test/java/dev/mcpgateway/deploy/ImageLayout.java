package dev.mcpgateway.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * What an app image holds, built here without Docker: the jar extracted with the Dockerfile's own command, its
 * layers copied into one directory in the Dockerfile's order (the image's /app), and the health check compiled
 * the way the Dockerfile compiles it. Commands run with exactly the environment given, nothing inherited.
 */
final class ImageLayout {

    static final String JAVA = Paths.get(System.getProperty("java.home"), "bin", "java").toString();

    final Path app;
    final Path healthcheck;
    final List<String> entrypoint;
    final List<String> healthcheckCommand;

    private ImageLayout(Path app, Path healthcheck, List<String> entrypoint, List<String> healthcheckCommand) {
        this.app = app;
        this.healthcheck = healthcheck;
        this.entrypoint = entrypoint;
        this.healthcheckCommand = healthcheckCommand;
    }

    static ImageLayout build(String module, Path jar, Path work) throws Exception {
        DockerfileTests.Dockerfile dockerfile = DockerfileTests.Dockerfile.of(module);
        Path extracted = work.resolve("extracted");
        run(List.of(JAVA, "-Djarmode=tools", "-jar", jar.toString(), "extract", "--layers", "--launcher",
                "--destination", extracted.toString()), work, Map.of(), work.resolve("extract.log"));
        Path app = Files.createDirectories(work.resolve("app"));
        for (String layer : dockerfile.layers()) {
            copyTree(extracted.resolve(layer), app);
        }
        Path healthcheck = work.resolve("healthcheck");
        run(List.of(Paths.get(System.getProperty("java.home"), "bin", "javac").toString(), "--release", "17", "-d",
                healthcheck.toString(), AppEnvironment.REPOSITORY.resolve("docker/HealthCheck.java").toString()),
                work, Map.of(), work.resolve("javac.log"));
        List<String> entrypoint = new ArrayList<>(dockerfile.entrypoint());
        entrypoint.set(0, JAVA);
        List<String> healthcheckCommand = new ArrayList<>();
        for (String part : dockerfile.healthcheck()) {
            healthcheckCommand.add(part.equals("java") ? JAVA : part.equals("/opt/healthcheck") ? healthcheck.toString() : part);
        }
        return new ImageLayout(app, healthcheck, entrypoint, healthcheckCommand);
    }

    /** Starts the image's ENTRYPOINT in /app with {@code environment}, output to {@code log}. */
    Process start(Map<String, String> environment, Path log) throws IOException {
        return process(entrypoint, app, environment, log).start();
    }

    /** Runs the image's HEALTHCHECK command as Docker would in a container whose management port is {@code port}. */
    boolean healthy(int port) throws Exception {
        return succeeds(healthcheckCommand, port);
    }

    /** Runs the image's health check tool against another path (e.g. liveness), the way the HEALTHCHECK runs it. */
    boolean healthy(String path, int port) throws Exception {
        List<String> command = new ArrayList<>(healthcheckCommand);
        command.set(command.indexOf("HealthCheck") + 1, path);
        return succeeds(command, port);
    }

    private boolean succeeds(List<String> command, int port) throws Exception {
        Process check = process(command, app, Map.of("MANAGEMENT_SERVER_PORT", String.valueOf(port)),
                Files.createTempFile("healthcheck", ".log")).start();
        return check.waitFor(30, TimeUnit.SECONDS) && check.exitValue() == 0;
    }

    /** Runs a command in /app to completion; fails with its output unless it exits 0 within the limit. */
    void runInApp(List<String> command, Map<String, String> environment, Path log) throws Exception {
        run(command, app, environment, log);
    }

    private static void run(List<String> command, Path directory, Map<String, String> environment, Path log) throws Exception {
        Process process = process(command, directory, environment, log).start();
        if (!process.waitFor(180, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command + "\n" + Files.readString(log));
        }
        if (process.exitValue() != 0) {
            throw new AssertionError("exit " + process.exitValue() + ": " + command + "\n" + Files.readString(log));
        }
    }

    private static ProcessBuilder process(List<String> command, Path directory, Map<String, String> environment, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().clear();
        builder.environment().putAll(environment);
        return builder;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        if (!Files.exists(from)) {
            return;
        }
        try (Stream<Path> files = Files.walk(from)) {
            for (Path source : files.toList()) {
                Path target = to.resolve(from.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
    }
}
