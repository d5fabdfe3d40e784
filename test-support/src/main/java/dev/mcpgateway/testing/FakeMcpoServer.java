package dev.mcpgateway.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tool server shaped like mcpo (the MCP-to-OpenAPI proxy Open WebUI recommends): {@code GET /openapi.json} serves a
 * real mcpo spec ({@code mcpo/filesystem-openapi.json}: operationIds {@code tool_<name>_post}, {@code $ref} request
 * bodies under {@code components/schemas}), {@code POST /<tool>} answers {@code {"tool": "<tool>", "ok": true}} for
 * each tool of the spec (or what {@link #answer} says), and anything else is a 404, as mcpo's FastAPI app answers. With
 * {@link #requireHeader} it refuses every request without that header (401), as mcpo started with {@code --api-key}
 * does. Every request is recorded so tests can check what reached the backend.
 */
public final class FakeMcpoServer implements AutoCloseable {

    /** The mcpo spec of the MCP filesystem server: read_file, write_file, edit_file, move_file, list_allowed_directories. */
    public static final String FILESYSTEM_SPEC = "mcpo/filesystem-openapi.json";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final String spec;
    private final Set<String> toolPaths;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger specFetches = new AtomicInteger();
    private final Map<String, Function<Map<String, Object>, Object>> answers = new ConcurrentHashMap<>();
    private volatile int specStatus = 200;
    private volatile Map.Entry<String, String> requiredHeader;
    private HttpServer server;

    /** One request the backend received. Header names are lower-case. */
    public record Request(String method, String path, Map<String, String> headers, String body) {
    }

    private FakeMcpoServer(String spec) {
        this.spec = spec;
        this.toolPaths = Set.copyOf(JSON.readTree(spec).path("paths").propertyNames());
    }

    /** Starts a backend on a free loopback port serving the filesystem spec. */
    public static FakeMcpoServer start() {
        return start(classpathResource(FILESYSTEM_SPEC));
    }

    /** Starts a backend on a free loopback port serving {@code specJson} as its {@code /openapi.json}. */
    public static FakeMcpoServer start(String specJson) {
        FakeMcpoServer backend = new FakeMcpoServer(specJson);
        backend.listen();
        return backend;
    }

    /** The filesystem spec's text, for tests that feed it to code directly. */
    public static String filesystemSpec() {
        return classpathResource(FILESYSTEM_SPEC);
    }

    /** The base URL to configure as a tenant's backend, e.g. {@code http://127.0.0.1:43123}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** How many times {@code /openapi.json} was requested, to check caching. */
    public int specFetches() {
        return specFetches.get();
    }

    /** Makes {@code /openapi.json} answer {@code status} (e.g. 500) from now on; 200 restores the spec. */
    public void answerSpecWith(int status) {
        this.specStatus = status;
    }

    /** Makes {@code POST /<tool>} answer what {@code handler} returns for the JSON body (instead of {@code ok: true}). */
    public FakeMcpoServer answer(String tool, Function<Map<String, Object>, Object> handler) {
        answers.put(tool, handler);
        return this;
    }

    /** Refuses every request (401) unless it carries header {@code name} with exactly {@code value}. */
    public FakeMcpoServer requireHeader(String name, String value) {
        this.requiredHeader = Map.entry(name.toLowerCase(), value);
        return this;
    }

    /** The requests received so far, oldest first. */
    public List<Request> requests() {
        return List.copyOf(requests);
    }

    @Override
    public void close() {
        if (server != null) {
            server.stop(0);
        }
    }

    private void listen() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the fake mcpo server", e);
        }
        server.setExecutor(Executors.newFixedThreadPool(4, runnable -> {
            Thread thread = new Thread(runnable, "fake-mcpo");
            thread.setDaemon(true);
            return thread;
        }));
        server.createContext("/", this::handle);
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> headers = new LinkedHashMap<>();
            exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
            requests.add(new Request(exchange.getRequestMethod(), path, Map.copyOf(headers), body));

            Map.Entry<String, String> required = requiredHeader;
            if (required != null && !required.getValue().equals(headers.get(required.getKey()))) {
                respond(exchange, 401, "{\"detail\":\"Not authenticated\"}");
            } else if ("GET".equals(exchange.getRequestMethod()) && "/openapi.json".equals(path)) {
                specFetches.incrementAndGet();
                int status = specStatus;
                respond(exchange, status, status == 200 ? spec : "{\"detail\":\"Internal Server Error\"}");
            } else if ("POST".equals(exchange.getRequestMethod()) && toolPaths.contains(path)) {
                respond(exchange, 200, JSON.writeValueAsString(toolAnswer(path.substring(1), body)));
            } else {
                respond(exchange, 404, "{\"detail\":\"Not Found\"}");
            }
        }
    }

    private Object toolAnswer(String tool, String body) {
        Function<Map<String, Object>, Object> handler = answers.get(tool);
        if (handler == null) {
            return Map.of("tool", tool, "ok", true);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> arguments = body.isBlank() ? Map.of() : JSON.readValue(body, Map.class);
        return handler.apply(arguments);
    }

    private static void respond(HttpExchange exchange, int status, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String classpathResource(String name) {
        try (InputStream in = FakeMcpoServer.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
