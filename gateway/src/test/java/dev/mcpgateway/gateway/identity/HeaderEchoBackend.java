package dev.mcpgateway.gateway.identity;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.test.context.DynamicPropertyRegistry;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tool backend for tests that answers every request with the headers it received, as a JSON object of lower-case
 * name → first value, and counts requests, so a test can show what the gateway forwarded and whether it forwarded.
 */
final class HeaderEchoBackend implements AutoCloseable {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpServer server;
    private final AtomicInteger requests = new AtomicInteger();

    private HeaderEchoBackend(HttpServer server) {
        this.server = server;
    }

    static HeaderEchoBackend start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            HeaderEchoBackend backend = new HeaderEchoBackend(server);
            server.createContext("/", exchange -> {
                backend.requests.incrementAndGet();
                Map<String, String> headers = new TreeMap<>();
                exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(Locale.ROOT), values.get(0)));
                headers.put(":path", exchange.getRequestURI().getRawPath());
                byte[] body = JSON.writeValueAsString(headers).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "application/json");
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
                exchange.close();
            });
            server.start();
            return backend;
        } catch (IOException e) {
            throw new UncheckedIOException("could not start the header echo backend", e);
        }
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /**
     * Routes {@code /tools/echo/**} here, prefix stripped. All of a route's properties must come from one property
     * source: Boot binds an indexed list from a single source.
     */
    void addRoute(DynamicPropertyRegistry registry) {
        String route = "spring.cloud.gateway.server.webflux.routes[0].";
        registry.add(route + "id", () -> "identity-echo");
        registry.add(route + "uri", this::url);
        registry.add(route + "predicates[0]", () -> "Path=/tools/echo/**");
        registry.add(route + "filters[0]", () -> "StripPrefix=2");
        // Lets an indexed tenant route lookup find it under tenant "echo"; no membership or credential filters apply.
        registry.add(route + "metadata[mcpgateway.tenant]", () -> "echo");
    }

    int requests() {
        return requests.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
