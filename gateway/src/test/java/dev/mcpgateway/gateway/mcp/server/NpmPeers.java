package dev.mcpgateway.gateway.mcp.server;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;

/**
 * The real MCP peers from npm the interop tests run: {@code @modelcontextprotocol/server-everything},
 * {@code @modelcontextprotocol/sdk}, {@code @modelcontextprotocol/conformance} and the SDK v2
 * ({@code @modelcontextprotocol/client}, {@code @modelcontextprotocol/server}, both protocol eras), with Node 22 from the {@code node}
 * package (conformance needs Node 22 or later). Installed once with {@code npm install --no-save --prefix} into a
 * cache folder ({@code -Dmcp.interop.npm-dir}, default {@code ~/.cache/mcp-tenant-gateway/npm}), reused afterwards.
 * Tests are skipped (not failed) when {@code npm} is not on the PATH.
 */
final class NpmPeers {

    static final List<String> PACKAGES = List.of(
            "@modelcontextprotocol/server-everything@2026.8.31",
            "@modelcontextprotocol/sdk@1.32.2",
            "@modelcontextprotocol/conformance@0.1.16",
            "@modelcontextprotocol/client@2.4.0",
            "@modelcontextprotocol/server@2.4.0",
            "node@22");

    private final Path dir;

    private NpmPeers(Path dir) {
        this.dir = dir;
    }

    /** The installed peers; installs them first when missing. Skips the calling test class when npm is missing. */
    static NpmPeers installed() {
        Path dir = Path.of(System.getProperty("mcp.interop.npm-dir",
                System.getProperty("user.home") + "/.cache/mcp-tenant-gateway/npm"));
        NpmPeers peers = new NpmPeers(dir);
        if (!peers.complete()) {
            Assumptions.assumeTrue(onPath("npm"), "npm is not on the PATH: MCP interop tests need Node.js and npm");
            peers.install();
        }
        return peers;
    }

    Path dir() {
        return dir;
    }

    Path node() {
        return dir.resolve("node_modules/.bin/node");
    }

    Path module(String relative) {
        return dir.resolve("node_modules").resolve(relative);
    }

    /** Copies a script from the test resources next to {@code node_modules}, so its imports resolve there. */
    Path script(String resource) {
        Path target = dir.resolve(resource);
        try (InputStream in = NpmPeers.class.getResourceAsStream("/mcp-interop/" + resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource mcp-interop/" + resource);
            }
            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }

    /** Starts {@code command} in the peers' folder, output to {@code log}. */
    Process start(List<String> command, Map<String, String> env, Path log) {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(env);
        try {
            return builder.start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs {@code command} to its end (bounded) and returns exit code and output. */
    Result run(List<String> command, Map<String, String> env, Duration timeout) {
        try {
            Path log = Files.createTempFile("npm-peer", ".log");
            Process process = start(command, env, log);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out after " + timeout + ": " + command + "\n"
                        + Files.readString(log));
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            Files.deleteIfExists(log);
            return new Result(process.exitValue(), output);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    record Result(int exitCode, String output) {
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void awaitListening(int port, Duration bound) {
        Awaitility.await().atMost(bound).pollInterval(Duration.ofMillis(100)).until(() -> {
            try (Socket ignored = new Socket(InetAddress.getLoopbackAddress(), port)) {
                return true;
            } catch (IOException e) {
                return false;
            }
        });
    }

    /** Node and every package of {@link #PACKAGES} are there (a package added to the list is installed next run). */
    private boolean complete() {
        return Files.isExecutable(node()) && PACKAGES.stream()
                .map(spec -> spec.substring(0, spec.lastIndexOf('@')))
                .allMatch(name -> Files.exists(module(name + "/package.json")));
    }

    private void install() {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<String> command = new ArrayList<>(List.of("npm", "install", "--no-save", "--no-audit", "--no-fund",
                "--prefix", dir.toString()));
        command.addAll(PACKAGES);
        Result result = run(command, Map.of(), Duration.ofMinutes(5));
        if (result.exitCode() != 0 || !complete()) {
            throw new IllegalStateException("npm install of the MCP interop peers failed (needs the npm registry):\n"
                    + result.output());
        }
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String entry : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(entry, program))) {
                return true;
            }
        }
        return false;
    }
}
