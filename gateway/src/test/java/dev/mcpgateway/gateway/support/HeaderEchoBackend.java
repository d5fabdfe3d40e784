package dev.mcpgateway.gateway.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tool backend for tests that answers every request with what it received, as JSON
 * {@code {"path": "<raw path>", "headers": {"<lower-case name>": ["<value>", ...]}}}, and counts requests, so a test
 * can show what the gateway forwarded and whether it forwarded at all. Each {@value #ANSWER_HEADER} header
 * ({@code Name: value}) of a request becomes a header of its answer.
 */
public final class HeaderEchoBackend implements AutoCloseable {

    /** A request header whose values ({@code Name: value}) the answer carries as headers. */
    public static final String ANSWER_HEADER = "X-Echo-Answer-Header";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private HeaderEchoBackend(HttpServer server) {
        this.server = server;
    }

    public static HeaderEchoBackend start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            HeaderEchoBackend backend = new HeaderEchoBackend(server);
            server.createContext("/", exchange -> {
                try (exchange) {
                    backend.requests.incrementAndGet();
                    exchange.getRequestBody().readAllBytes();
                    Map<String, List<String>> headers = new TreeMap<>();
                    exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values));
                    byte[] body = JSON.writeValueAsString(Map.of("path", exchange.getRequestURI().getRawPath(),
                            "headers", headers)).getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().set("Content-Type", "application/json");
                    for (String header : exchange.getRequestHeaders().getOrDefault(ANSWER_HEADER, List.of())) {
                        String[] nameAndValue = header.split(":", 2);
                        exchange.getResponseHeaders().add(nameAndValue[0].trim(), nameAndValue[1].trim());
                    }
                    exchange.sendResponseHeaders(200, body.length);
                    exchange.getResponseBody().write(body);
                }
            });
            server.start();
            return backend;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the header echo backend", e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Routes {@code /tools/echo/**} here, prefix stripped, without membership or credential filters. All of a route's
     * properties must come from one property source: Boot binds an indexed list from a single source.
     */
    public void addRoute(DynamicPropertyRegistry registry) {
        String route = "spring.cloud.gateway.server.webflux.routes[0].";
        registry.add(route + "id", () -> "echo");
        registry.add(route + "uri", this::url);
        registry.add(route + "predicates[0]", () -> "Path=/tools/echo/**");
        // Lets the indexed tenant route lookup find it under tenant "echo", and makes the gateway strip the prefix.
        registry.add(route + "metadata[mcpgateway.tenant]", () -> "echo");
    }

    /** How many requests reached this backend so far. */
    public int requests() {
        return requests.get();
    }

    /**
     * The first value of each header in an answer of this backend, by lower-case name, and the path under the
     * HTTP/2-style pseudo-header name {@code :path}.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, String> firstHeaderValues(Map<String, Object> answer) {
        Map<String, String> first = new TreeMap<>();
        ((Map<String, List<String>>) answer.get("headers")).forEach((name, values) -> first.put(name, values.get(0)));
        first.put(":path", (String) answer.get("path"));
        return first;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
