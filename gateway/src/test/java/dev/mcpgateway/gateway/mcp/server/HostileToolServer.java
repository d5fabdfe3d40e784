package dev.mcpgateway.gateway.mcp.server;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.netty.DisposableServer;
import reactor.netty.http.server.HttpServer;
import reactor.netty.http.server.HttpServerRequest;
import reactor.netty.http.server.HttpServerResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A tool server that answers too much, for an {@code openapi} tenant ({@code GET /openapi.json}, {@code POST /flood},
 * {@code POST /sized}) and an {@code mcp} tenant ({@code /mcp}: tools {@code flood} and {@code sized}) at once.
 * {@code flood} answers as {@link #flood(Flood)} says, without end, as fast as the reader takes it; {@code sized}
 * answers exactly {@link #sized(int)} bytes (HTTP) or a text of that many characters (MCP). Counts what it sent and
 * whether the reader closed each flood's connection.
 */
final class HostileToolServer implements AutoCloseable {

    /** How {@code flood} answers. */
    enum Flood {
        /** {@code application/json}, chunked, never ending. */
        ENDLESS_JSON,
        /** {@code text/event-stream}: one event whose data never ends. */
        ENDLESS_EVENTS,
        /** {@code Content-Length} of 50 GiB, then bytes without end. */
        HUGE_LENGTH
    }

    static final long HUGE_LENGTH = 50L << 30;
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final byte[] CHUNK = filled(64 * 1024);

    private final DisposableServer server;
    private final AtomicLong floodBytes = new AtomicLong();
    /** One flag per flood since the last {@link #resetCounts()}: whether its connection is closed. */
    private final List<AtomicBoolean> floods = new CopyOnWriteArrayList<>();
    private volatile Flood flood = Flood.ENDLESS_JSON;
    private volatile int sizedBytes = 1024;

    private HostileToolServer() {
        this.server = HttpServer.create().host("127.0.0.1").port(0)
                .route(routes -> routes
                        .get("/openapi.json", (request, response) -> json(response, spec()))
                        .post("/flood", (request, response) -> request.receive().then().then(Mono.defer(() ->
                                Mono.from(flood(response, "")))))
                        .post("/sized", (request, response) -> request.receive().then().then(Mono.defer(() ->
                                Mono.from(response.header("Content-Type", "application/json")
                                        .sendByteArray(Mono.just(sizedJson(sizedBytes)))))))
                        .post("/mcp", this::mcp)
                        .get("/mcp", (request, response) -> response.status(405).send())
                        .delete("/mcp", (request, response) -> response.status(200).send()))
                .bindNow();
    }

    static HostileToolServer start() {
        return new HostileToolServer();
    }

    String url() {
        return "http://127.0.0.1:" + server.port();
    }

    String mcpEndpoint() {
        return url() + "/mcp";
    }

    void flood(Flood how) {
        this.flood = how;
    }

    /** The size of the {@code sized} answer: body bytes on HTTP, text characters on MCP. */
    void sized(int bytes) {
        this.sizedBytes = bytes;
    }

    /** Bytes of flood answers written to the socket so far. */
    long floodBytes() {
        return floodBytes.get();
    }

    int floodsStarted() {
        return floods.size();
    }

    /** Flood answers whose connection the reader closed (a flood never ends by itself). */
    int floodsClosed() {
        return (int) floods.stream().filter(AtomicBoolean::get).count();
    }

    /** Forgets earlier floods (a connection of one closing later no longer counts). */
    void resetCounts() {
        floods.clear();
        floodBytes.set(0);
    }

    @Override
    public void close() {
        server.disposeNow();
    }

    private Publisher<Void> mcp(HttpServerRequest request, HttpServerResponse response) {
        return request.receive().aggregate().asString().defaultIfEmpty("{}").flatMap(body -> {
            JsonNode message = JSON.readTree(body);
            if (!message.has("id")) {
                return Mono.from(response.status(202).send());
            }
            Object id = JSON.convertValue(message.get("id"), Object.class);
            String method = message.path("method").asString("");
            return switch (method) {
                case "initialize" -> Mono.from(json(response, rpcResult(id, Map.of("protocolVersion", "2025-06-18",
                        "capabilities", Map.of("tools", Map.of()),
                        "serverInfo", Map.of("name", "hostile", "version", "1")))));
                case "tools/list" -> Mono.from(json(response, rpcResult(id, Map.of("tools", List.of(
                        tool("flood", "Answers without end"), tool("sized", "Answers a text of a set size"))))));
                case "tools/call" -> "flood".equals(message.path("params").path("name").asString())
                        ? Mono.from(flood(response, "{\"jsonrpc\":\"2.0\",\"id\":" + JSON.writeValueAsString(id)
                        + ",\"result\":{\"content\":[{\"type\":\"text\",\"text\":\""))
                        : Mono.from(json(response, rpcResult(id, Map.of("content",
                        List.of(Map.of("type", "text", "text", new String(filled(sizedBytes), StandardCharsets.US_ASCII)))))));
                default -> Mono.from(json(response, Map.of("jsonrpc", "2.0", "id", id,
                        "error", Map.of("code", -32601, "message", "Method not found"))));
            };
        });
    }

    /** Starts {@code prefix}, then bytes without end, in the current {@link Flood} form. */
    private Publisher<Void> flood(HttpServerResponse response, String prefix) {
        AtomicBoolean closed = new AtomicBoolean();
        floods.add(closed);
        response.withConnection(connection -> connection.onDispose(() -> closed.set(true)));
        Flood how = flood;
        String start = prefix;
        switch (how) {
            case ENDLESS_JSON -> response.header("Content-Type", "application/json");
            case ENDLESS_EVENTS -> {
                response.header("Content-Type", "text/event-stream");
                start = "event: message\ndata: " + prefix;
            }
            case HUGE_LENGTH -> response.header("Content-Type", "application/json")
                    .header("Content-Length", Long.toString(HUGE_LENGTH));
        }
        byte[] first = start.getBytes(StandardCharsets.UTF_8);
        Flux<ByteBuf> endless = Flux.<ByteBuf>generate(sink -> sink.next(Unpooled.wrappedBuffer(CHUNK)))
                .startWith(Unpooled.wrappedBuffer(first))
                .doOnNext(buffer -> floodBytes.addAndGet(buffer.readableBytes()));
        return response.send(endless);
    }

    private static Publisher<Void> json(HttpServerResponse response, Object body) {
        return response.header("Content-Type", "application/json")
                .sendByteArray(Mono.just(JSON.writeValueAsBytes(body)));
    }

    private static Map<String, Object> rpcResult(Object id, Map<String, Object> result) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("jsonrpc", "2.0");
        message.put("id", id);
        message.put("result", result);
        return message;
    }

    private static Map<String, Object> tool(String name, String description) {
        return Map.of("name", name, "description", description, "inputSchema", Map.of("type", "object"),
                "annotations", Map.of("readOnlyHint", true));
    }

    private static Map<String, Object> spec() {
        Map<String, Object> post = Map.of("operationId", "call", "requestBody", Map.of("content",
                Map.of("application/json", Map.of("schema", Map.of("type", "object")))),
                "responses", Map.of("200", Map.of("description", "ok")));
        return Map.of("openapi", "3.1.0", "info", Map.of("title", "hostile", "version", "1"),
                "paths", Map.of("/flood", Map.of("post", post), "/sized", Map.of("post", post)));
    }

    /** A JSON document of exactly {@code bytes} bytes: {@code {"data":"xxx…"}}. */
    static byte[] sizedJson(int bytes) {
        byte[] json = filled(bytes);
        byte[] open = "{\"data\":\"".getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(open, 0, json, 0, open.length);
        json[bytes - 2] = '"';
        json[bytes - 1] = '}';
        return json;
    }

    private static byte[] filled(int bytes) {
        byte[] filled = new byte[bytes];
        Arrays.fill(filled, (byte) 'x');
        return filled;
    }
}
