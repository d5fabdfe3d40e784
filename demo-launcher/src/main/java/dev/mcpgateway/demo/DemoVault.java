package dev.mcpgateway.demo;

import dev.mcpgateway.testing.FakeVault;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import tools.jackson.databind.json.JsonMapper;

/**
 * The demo's Vault: a real one ({@code vault server -dev}) when a {@code vault} binary is on the PATH, otherwise the
 * project's KV v2 stand-in ({@link FakeVault}, DEMO ONLY). Secrets are written the same way to both: over Vault's
 * HTTP API, as {@code vault kv put} does.
 */
final class DemoVault implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String uri;
    private final String token;
    private final String description;
    private final AutoCloseable server;

    private DemoVault(String uri, String token, String description, AutoCloseable server) {
        this.uri = uri;
        this.token = token;
        this.description = description;
        this.server = server;
    }

    static DemoVault start(Path work) {
        String token = DemoToolServers.randomKey();
        Path binary = vaultOnPath();
        if (binary == null) {
            FakeVault standIn = FakeVault.start(token, "secret");
            return new DemoVault(standIn.uri(), token, "KV v2 stand-in at " + standIn.uri()
                    + " (DEMO ONLY: in memory, no `vault` binary on the PATH)", standIn);
        }
        int port = FreePorts.any();
        Process process;
        try {
            process = new ProcessBuilder(binary.toString(), "server", "-dev", "-dev-root-token-id=" + token,
                    "-dev-listen-address=127.0.0.1:" + port)
                    .redirectErrorStream(true).redirectOutput(work.resolve("vault.log").toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DemoVault vault = new DemoVault("http://127.0.0.1:" + port, token, "Vault dev server (" + binary
                + ") at http://127.0.0.1:" + port + ", in memory", () -> stop(process));
        try {
            vault.awaitUnsealed(process);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoRefusal("interrupted while Vault was starting");
        }
        return vault;
    }

    String uri() {
        return uri;
    }

    String token() {
        return token;
    }

    String description() {
        return description;
    }

    /** Writes a new version of {@code secret/<path>} (KV v2). */
    void put(String path, Map<String, String> data) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(uri + "/v1/secret/data/" + path))
                    .header("X-Vault-Token", token).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("data", data)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("Vault refused to store " + path + ": HTTP " + response.statusCode());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() throws Exception {
        server.close();
    }

    private void awaitUnsealed(Process process) throws InterruptedException {
        boolean unsealed = Await.until(Duration.ofSeconds(30), () -> process.isAlive() && answers200(uri + "/v1/sys/health"));
        if (!unsealed) {
            stop(process);
            throw new DemoRefusal("the Vault dev server did not start within 30 s; see its log (vault.log)");
        }
    }

    static boolean answers200(String url) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException notYet) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(10, TimeUnit.SECONDS)) {
            process.destroyForcibly();
        }
    }

    private static Path vaultOnPath() {
        for (String directory : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = Path.of(directory.isEmpty() ? "." : directory, "vault");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
