package dev.mcpgateway.gateway;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A real HTTP tool server for tests: answers every request with its name, method and raw path, and remembers them. */
public final class EchoBackend implements AutoCloseable {

    private final String name;
    private final HttpServer server;
    private final List<String> received = new CopyOnWriteArrayList<>();

    private EchoBackend(String name) throws IOException {
        this.name = name;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            String line = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath();
            received.add(line);
            byte[] body = (name + " " + line).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "text/plain");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        server.start();
    }

    public static EchoBackend start(String name) {
        try {
            return new EchoBackend(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String name() {
        return name;
    }

    /** {@code METHOD /raw/path} of every request received so far. */
    public List<String> received() {
        return List.copyOf(received);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
