package dev.mcpgateway.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small stand-in for HashiCorp Vault, for machines where no Vault can run. It speaks the parts of the HTTP API
 * that Spring Vault uses against a KV v2 mount, with Vault's JSON shapes and status codes:
 * token lookup-self, {@code sys/health}, the mount lookup ({@code sys/internal/ui/mounts}), and KV v2 {@code data} (read, write with
 * optional check-and-set, soft delete) and {@code metadata} (read, list, delete). Any other path is a 404, a missing
 * or wrong {@code X-Vault-Token} a 403 {@code permission denied}, and {@link #seal()} makes every call a 503.
 */
public final class FakeVault implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String token;
    private final String mount;
    private final Map<String, SecretHistory> secrets = new ConcurrentHashMap<>();
    private final AtomicInteger dataReads = new AtomicInteger();
    private volatile boolean sealed;
    private volatile boolean writeAnswersWithoutCreatedTime;
    private HttpServer server;

    private FakeVault(String token, String mount) {
        this.token = token;
        this.mount = mount;
    }

    /** Starts a Vault stand-in on a free loopback port with one KV v2 mount. */
    public static FakeVault start(String token, String mount) {
        return start(token, mount, 0);
    }

    /** Starts a Vault stand-in on {@code port} of the loopback interface (0: any free port). */
    public static FakeVault start(String token, String mount, int port) {
        FakeVault vault = new FakeVault(token, mount);
        vault.listen(port);
        return vault;
    }

    /** For benchmarks and manual runs: {@code java ... FakeVault <port> <token>} serves mount {@code secret} until killed. */
    public static void main(String[] args) {
        FakeVault vault = start(args[1], "secret", Integer.parseInt(args[0]));
        System.out.println("fake vault listening on " + vault.uri());
    }

    /** The address to give Spring Vault, e.g. {@code http://127.0.0.1:43123}. */
    public String uri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String token() {
        return token;
    }

    /** Writes a new version of {@code path} (relative to the mount), as {@code vault kv put} would. */
    public int put(String path, Map<String, String> data) {
        return secrets.computeIfAbsent(path, p -> new SecretHistory()).write(new LinkedHashMap<>(data));
    }

    /** The latest live version's data, or {@code null}. */
    public Map<String, Object> current(String path) {
        SecretHistory history = secrets.get(path);
        return history == null ? null : history.live();
    }

    /** How many KV v2 data reads were answered, to check caching. */
    public int dataReads() {
        return dataReads.get();
    }

    /** Every call answers 503 until {@link #unseal()}, as a sealed Vault does. */
    public void seal() {
        sealed = true;
    }

    public void unseal() {
        sealed = false;
    }

    /**
     * Fault injection: KV v2 writes still apply but answer metadata without {@code created_time}, a body Spring Vault
     * cannot read; the client then fails after the secret has changed.
     */
    public void answerWritesWithoutCreatedTime(boolean enabled) {
        writeAnswersWithoutCreatedTime = enabled;
    }

    /** Stops listening: clients get connection refused, as when Vault is down. */
    public void stop() {
        server.stop(0);
    }

    @Override
    public void close() {
        stop();
    }

    private void listen(int port) {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestURI().getPath().equals("/v1/sys/health")) {
                health(exchange);
                return;
            }
            if (sealed) {
                respond(exchange, 503, Map.of("errors", List.of("Vault is sealed")));
                return;
            }
            if (!token.equals(exchange.getRequestHeaders().getFirst("X-Vault-Token"))) {
                respond(exchange, 403, Map.of("errors", List.of("permission denied")));
                return;
            }
            route(exchange);
        } catch (RuntimeException e) {
            respond(exchange, 500, Map.of("errors", List.of("internal error")));
        }
    }

    /** Unauthenticated, as in Vault: 200 when unsealed, 503 with {@code sealed: true} when sealed. */
    private void health(HttpExchange exchange) throws IOException {
        Map<String, Object> health = new LinkedHashMap<>();
        health.put("initialized", true);
        health.put("sealed", sealed);
        health.put("standby", false);
        health.put("performance_standby", false);
        health.put("replication_performance_mode", "disabled");
        health.put("replication_dr_mode", "disabled");
        health.put("server_time_utc", Instant.now().getEpochSecond());
        health.put("version", "1.17.0");
        respond(exchange, sealed ? 503 : 200, health);
    }

    private void route(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getQuery();
        String dataPrefix = "/v1/" + mount + "/data/";
        String metadataPrefix = "/v1/" + mount + "/metadata/";
        if (path.equals("/v1/auth/token/lookup-self") && method.equals("GET")) {
            respond(exchange, 200, Map.of("data", Map.of("id", "fake", "policies", List.of("root"), "ttl", 0,
                    "renewable", false, "type", "service")));
        } else if (path.startsWith("/v1/sys/internal/ui/mounts/")) {
            String requested = path.substring("/v1/sys/internal/ui/mounts/".length());
            if (requested.equals(mount) || requested.startsWith(mount + "/")) {
                respond(exchange, 200, Map.of("data", Map.of("path", mount + "/", "type", "kv",
                        "options", Map.of("version", "2"))));
            } else {
                respond(exchange, 403, Map.of("errors", List.of("preflight capability check returned 403")));
            }
        } else if (path.startsWith(dataPrefix)) {
            data(exchange, method, path.substring(dataPrefix.length()));
        } else if (path.startsWith(metadataPrefix) || path.equals(metadataPrefix.substring(0, metadataPrefix.length() - 1))) {
            String secretPath = path.length() >= metadataPrefix.length() ? path.substring(metadataPrefix.length()) : "";
            boolean list = method.equals("LIST") || (method.equals("GET") && query != null && query.contains("list=true"));
            metadata(exchange, list ? "LIST" : method, secretPath);
        } else {
            respond(exchange, 404, Map.of("errors", List.of()));
        }
    }

    private void data(HttpExchange exchange, String method, String path) throws IOException {
        SecretHistory history = secrets.get(path);
        switch (method) {
            case "GET" -> {
                dataReads.incrementAndGet();
                if (history == null || history.currentVersion() == 0) {
                    respond(exchange, 404, Map.of("errors", List.of()));
                    return;
                }
                Map<String, Object> live = history.live();
                Map<String, Object> version = new LinkedHashMap<>();
                version.put("data", live);
                version.put("metadata", history.latestMetadata());
                // As Vault does: a soft-deleted latest version is a 404 that still carries its metadata.
                respond(exchange, live == null ? 404 : 200, Map.of("data", version));
            }
            case "POST", "PUT" -> {
                Map<?, ?> body = JSON.readValue(exchange.getRequestBody(), Map.class);
                if (!(body.get("data") instanceof Map<?, ?> data)) {
                    respond(exchange, 400, Map.of("errors", List.of("no data provided")));
                    return;
                }
                SecretHistory target = secrets.computeIfAbsent(path, p -> new SecretHistory());
                if (body.get("options") instanceof Map<?, ?> options && options.get("cas") instanceof Number cas
                        && cas.intValue() != target.currentVersion()) {
                    respond(exchange, 400, Map.of("errors", List.of(
                            "check-and-set parameter did not match the current version")));
                    return;
                }
                Map<String, Object> copy = new LinkedHashMap<>();
                data.forEach((k, v) -> copy.put(String.valueOf(k), v));
                target.write(copy);
                Map<String, Object> metadata = new LinkedHashMap<>(target.latestMetadata());
                if (writeAnswersWithoutCreatedTime) {
                    metadata.remove("created_time");
                }
                respond(exchange, 200, Map.of("data", metadata));
            }
            case "DELETE" -> {
                if (history != null) {
                    history.softDeleteLatest();
                }
                respond(exchange, 204, null);
            }
            default -> respond(exchange, 405, Map.of("errors", List.of("unsupported operation")));
        }
    }

    private void metadata(HttpExchange exchange, String method, String path) throws IOException {
        switch (method) {
            case "GET" -> {
                SecretHistory history = secrets.get(path);
                if (history == null) {
                    respond(exchange, 404, Map.of("errors", List.of()));
                    return;
                }
                respond(exchange, 200, Map.of("data", history.metadata()));
            }
            case "LIST" -> {
                String prefix = path.isEmpty() || path.endsWith("/") ? path : path + "/";
                TreeSet<String> keys = new TreeSet<>();
                for (String key : secrets.keySet()) {
                    if (key.startsWith(prefix)) {
                        String rest = key.substring(prefix.length());
                        int slash = rest.indexOf('/');
                        keys.add(slash < 0 ? rest : rest.substring(0, slash + 1));
                    }
                }
                if (keys.isEmpty()) {
                    respond(exchange, 404, Map.of("errors", List.of()));
                    return;
                }
                respond(exchange, 200, Map.of("data", Map.of("keys", new ArrayList<>(keys))));
            }
            case "DELETE" -> {
                secrets.remove(path);
                respond(exchange, 204, null);
            }
            default -> respond(exchange, 405, Map.of("errors", List.of("unsupported operation")));
        }
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = JSON.writeValueAsString(body).getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** The versions of one secret, as KV v2 keeps them. */
    private static final class SecretHistory {

        private final List<Version> versions = new ArrayList<>();
        private Instant createdAt;
        private Instant updatedAt;

        synchronized int write(Map<String, Object> data) {
            Instant now = Instant.now();
            if (createdAt == null) {
                createdAt = now;
            }
            updatedAt = now;
            versions.add(new Version(versions.size() + 1, data, now));
            return versions.size();
        }

        synchronized int currentVersion() {
            return versions.size();
        }

        synchronized Map<String, Object> live() {
            if (versions.isEmpty()) {
                return null;
            }
            Version latest = versions.get(versions.size() - 1);
            return latest.deletedAt == null ? latest.data : null;
        }

        synchronized void softDeleteLatest() {
            if (!versions.isEmpty()) {
                versions.get(versions.size() - 1).deletedAt = Instant.now();
                updatedAt = Instant.now();
            }
        }

        synchronized Map<String, Object> latestMetadata() {
            return versions.get(versions.size() - 1).metadata();
        }

        synchronized Map<String, Object> metadata() {
            Map<String, Object> byVersion = new LinkedHashMap<>();
            for (Version version : versions) {
                byVersion.put(String.valueOf(version.number), Map.of(
                        "created_time", version.createdAt.toString(),
                        "deletion_time", version.deletedAt == null ? "" : version.deletedAt.toString(),
                        "destroyed", false));
            }
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("cas_required", false);
            metadata.put("created_time", createdAt.toString());
            metadata.put("current_version", versions.size());
            metadata.put("custom_metadata", null);
            metadata.put("delete_version_after", "0s");
            metadata.put("max_versions", 0);
            metadata.put("oldest_version", versions.isEmpty() ? 0 : 1);
            metadata.put("updated_time", updatedAt.toString());
            metadata.put("versions", byVersion);
            return metadata;
        }
    }

    private static final class Version {

        final int number;
        final Map<String, Object> data;
        final Instant createdAt;
        Instant deletedAt;

        Version(int number, Map<String, Object> data, Instant createdAt) {
            this.number = number;
            this.data = data;
            this.createdAt = createdAt;
        }

        Map<String, Object> metadata() {
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("created_time", createdAt.toString());
            metadata.put("custom_metadata", null);
            metadata.put("deletion_time", deletedAt == null ? "" : deletedAt.toString());
            metadata.put("destroyed", false);
            metadata.put("version", number);
            return metadata;
        }
    }
}
