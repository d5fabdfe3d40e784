package dev.mcpgateway.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import tools.jackson.databind.json.JsonMapper;

/**
 * A small MCP server speaking Streamable HTTP (revisions 2025-03-26 and 2025-06-18) on a free loopback port, for
 * tests that need a tenant backend they can steer: its tools, whether it answers with JSON or SSE, whether it
 * offers the GET notification stream, and forgetting its sessions (as a restarted server does). It records the
 * headers of every request, so tests can check what a client sent.
 * <p>
 * Behaviour follows the spec and the TypeScript SDK's server: {@code initialize} creates a session
 * ({@code Mcp-Session-Id}), later requests without a known session id get 404, {@code Accept} must allow both
 * JSON and SSE for POST (406 otherwise), notifications and responses get 202, DELETE ends a session.
 */
public final class InTestMcpServer implements AutoCloseable {

    /** What a tool does with its arguments: returns the {@code tools/call} result (content, isError, ...). */
    @FunctionalInterface
    public interface ToolHandler extends Function<Map<String, Object>, Map<String, Object>> {
    }

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Set<String> VERSIONS = Set.of("2025-03-26", "2025-06-18");

    private final Map<String, Map<String, Object>> tools = new ConcurrentHashMap<>();
    private final Map<String, ToolHandler> handlers = new ConcurrentHashMap<>();
    private final Map<String, String> sessions = new ConcurrentHashMap<>(); // session id → protocol version
    private final List<BlockingQueue<String>> streams = new CopyOnWriteArrayList<>();
    private final List<Map<String, List<String>>> requestHeaders = new CopyOnWriteArrayList<>();
    private final AtomicInteger initializeCount = new AtomicInteger();
    private final AtomicInteger toolsListCount = new AtomicInteger();
    private final AtomicInteger deleteCount = new AtomicInteger();
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "in-test-mcp-server");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean answerWithSse;
    private volatile boolean offerNotificationStream = true;
    private volatile String protocolVersion = "2025-06-18";
    private volatile int pageSize = Integer.MAX_VALUE;
    private volatile int unknownSessionStatus = 404;
    private volatile Map.Entry<String, String> requiredHeader;
    private HttpServer server;

    private InTestMcpServer() {
    }

    /** Starts a server on a free loopback port; its endpoint is {@link #endpoint()}. */
    public static InTestMcpServer start() {
        InTestMcpServer mcp = new InTestMcpServer();
        try {
            mcp.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        mcp.server.setExecutor(mcp.executor);
        mcp.server.createContext("/mcp", mcp::handle);
        mcp.server.start();
        return mcp;
    }

    /** The Streamable HTTP endpoint, e.g. {@code http://127.0.0.1:41234/mcp}. */
    public String endpoint() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/mcp";
    }

    /** Adds (or replaces) a tool; {@code readOnly} sets the {@code readOnlyHint} annotation when not null. */
    public InTestMcpServer tool(String name, String description, Map<String, Object> inputSchema, Boolean readOnly,
                                ToolHandler handler) {
        Map<String, Object> tool = new LinkedHashMap<>();
        tool.put("name", name);
        tool.put("description", description);
        tool.put("inputSchema", inputSchema);
        if (readOnly != null) {
            tool.put("annotations", Map.of("readOnlyHint", readOnly));
        }
        tools.put(name, tool);
        handlers.put(name, handler);
        return this;
    }

    /** Refuses every request (401) unless it carries header {@code name} with exactly {@code value}. */
    public InTestMcpServer requireHeader(String name, String value) {
        this.requiredHeader = Map.entry(name, value);
        return this;
    }

    /** Removes a tool (without notifying; see {@link #notifyToolsChanged()}). */
    public void removeTool(String name) {
        tools.remove(name);
        handlers.remove(name);
    }

    /** Sends {@code notifications/tools/list_changed} on every open GET stream. */
    public void notifyToolsChanged() {
        String event = JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "method", "notifications/tools/list_changed"));
        streams.forEach(queue -> queue.add(event));
    }

    /** How many GET notification streams are open now. */
    public int openStreams() {
        return streams.size();
    }

    /** Forgets every session, as a restarted server does: their ids get 404 from now on. */
    public void forgetSessions() {
        sessions.clear();
    }

    /** Answer POSTed requests with an SSE stream instead of a JSON body. */
    public void answerWithSse(boolean sse) {
        this.answerWithSse = sse;
    }

    /** Offer the GET notification stream (otherwise 405). */
    public void offerNotificationStream(boolean offer) {
        this.offerNotificationStream = offer;
    }

    /** The revision this server answers {@code initialize} with when the client asks for one it does not speak. */
    public void protocolVersion(String version) {
        this.protocolVersion = version;
    }

    /**
     * The status for a POST with an unknown session id: 404 as the spec says, or 400 as servers built on the
     * TypeScript SDK's examples (server-everything among them) answer.
     */
    public void unknownSessionStatus(int status) {
        this.unknownSessionStatus = status;
    }

    /** Split {@code tools/list} into pages of this many tools. */
    public void pageSize(int size) {
        this.pageSize = size;
    }

    public int initializeCount() {
        return initializeCount.get();
    }

    public int toolsListCount() {
        return toolsListCount.get();
    }

    public int deleteCount() {
        return deleteCount.get();
    }

    /** The headers of every request received so far, names lower-case, in order. */
    public List<Map<String, List<String>>> requestHeaders() {
        return List.copyOf(requestHeaders);
    }

    /** Builds a text content result: {@code {"content":[{"type":"text","text":...}]}}. */
    public static Map<String, Object> text(String text) {
        return Map.of("content", List.of(Map.of("type", "text", "text", text)));
    }

    /** Builds a failed tool result with one text content. */
    public static Map<String, Object> error(String text) {
        return Map.of("content", List.of(Map.of("type", "text", "text", text)), "isError", true);
    }

    @Override
    public void close() {
        streams.forEach(queue -> queue.add(""));
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange exchange) throws IOException {
        record(exchange.getRequestHeaders());
        try {
            Map.Entry<String, String> required = requiredHeader;
            if (required != null && !required.getValue().equals(exchange.getRequestHeaders().getFirst(required.getKey()))) {
                respond(exchange, 401, Map.of("error", "Unauthorized: missing or wrong " + required.getKey()));
                return;
            }
            switch (exchange.getRequestMethod()) {
                case "POST" -> post(exchange);
                case "GET" -> get(exchange);
                case "DELETE" -> delete(exchange);
                default -> respond(exchange, 405, null);
            }
        } catch (RuntimeException e) {
            respond(exchange, 500, Map.of("error", String.valueOf(e.getMessage())));
        } finally {
            exchange.close();
        }
    }

    private void post(HttpExchange exchange) throws IOException {
        String accept = String.valueOf(exchange.getRequestHeaders().getFirst("Accept"));
        if (!accept.contains("application/json") || !accept.contains("text/event-stream")) {
            respond(exchange, 406, rpcError(null, -32000, "Not Acceptable: client must accept both"));
            return;
        }
        Map<?, ?> message = JSON.readValue(exchange.getRequestBody(), Map.class);
        Object method = message.get("method");
        Object id = message.get("id");
        if ("initialize".equals(method)) {
            initialize(exchange, message, id);
            return;
        }
        String session = exchange.getRequestHeaders().getFirst("Mcp-Session-Id");
        if (session == null) {
            respond(exchange, 400, rpcError(null, -32000, "Bad Request: Mcp-Session-Id header is required"));
            return;
        }
        String version = sessions.get(session);
        if (version == null) {
            respond(exchange, unknownSessionStatus, unknownSessionStatus == 404
                    ? rpcError(null, -32001, "Session not found")
                    : rpcError(null, -32000, "Bad Request: No valid session ID provided"));
            return;
        }
        String versionHeader = exchange.getRequestHeaders().getFirst("MCP-Protocol-Version");
        if (versionHeader != null && !versionHeader.equals(version)) {
            respond(exchange, 400, rpcError(null, -32000, "Bad Request: protocol version mismatch"));
            return;
        }
        if (method == null || id == null) {
            respond(exchange, 202, null);
            return;
        }
        Map<String, Object> reply = switch (String.valueOf(method)) {
            case "tools/list" -> result(id, toolsList(message));
            case "tools/call" -> call(id, message);
            case "ping" -> result(id, Map.of());
            default -> rpcError(id, -32601, "Method not found: " + method);
        };
        answer(exchange, reply);
    }

    private void initialize(HttpExchange exchange, Map<?, ?> message, Object id) throws IOException {
        initializeCount.incrementAndGet();
        Object requested = message.get("params") instanceof Map<?, ?> params ? params.get("protocolVersion") : null;
        String version = requested instanceof String r && VERSIONS.contains(r) ? r : protocolVersion;
        String session = UUID.randomUUID().toString();
        sessions.put(session, version);
        exchange.getResponseHeaders().set("Mcp-Session-Id", session);
        answer(exchange, result(id, Map.of(
                "protocolVersion", version,
                "capabilities", Map.of("tools", Map.of("listChanged", true)),
                "serverInfo", Map.of("name", "in-test-mcp-server", "version", "1"))));
    }

    private Map<String, Object> toolsList(Map<?, ?> message) {
        toolsListCount.incrementAndGet();
        List<Map<String, Object>> all = new ArrayList<>(tools.values());
        all.sort((a, b) -> String.valueOf(a.get("name")).compareTo(String.valueOf(b.get("name"))));
        int start = 0;
        if (message.get("params") instanceof Map<?, ?> params && params.get("cursor") instanceof String cursor) {
            start = Integer.parseInt(cursor);
        }
        int end = (int) Math.min(all.size(), (long) start + pageSize);
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("tools", all.subList(start, end));
        if (end < all.size()) {
            result.put("nextCursor", String.valueOf(end));
        }
        return result;
    }

    private Map<String, Object> call(Object id, Map<?, ?> message) {
        Map<?, ?> params = message.get("params") instanceof Map<?, ?> p ? p : Map.of();
        ToolHandler handler = handlers.get(String.valueOf(params.get("name")));
        if (handler == null) {
            return rpcError(id, -32602, "Unknown tool: " + params.get("name"));
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> arguments = params.get("arguments") instanceof Map<?, ?> a ? (Map<String, Object>) a : Map.of();
        return result(id, handler.apply(arguments));
    }

    private void get(HttpExchange exchange) throws IOException {
        String session = exchange.getRequestHeaders().getFirst("Mcp-Session-Id");
        if (!offerNotificationStream) {
            respond(exchange, 405, null);
            return;
        }
        if (session == null || !sessions.containsKey(session)) {
            respond(exchange, 404, rpcError(null, -32001, "Session not found"));
            return;
        }
        BlockingQueue<String> queue = new LinkedBlockingQueue<>();
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        streams.add(queue);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(": stream open\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            while (sessions.containsKey(session)) {
                String event = queue.poll(200, TimeUnit.MILLISECONDS);
                if (event == null) {
                    continue;
                }
                if (event.isEmpty()) {
                    break;
                }
                out.write(("event: message\ndata: " + event + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException clientWentAway) {
            // the client closed the stream
        } finally {
            streams.remove(queue);
        }
    }

    private void delete(HttpExchange exchange) throws IOException {
        String session = exchange.getRequestHeaders().getFirst("Mcp-Session-Id");
        if (session == null || sessions.remove(session) == null) {
            respond(exchange, 404, rpcError(null, -32001, "Session not found"));
            return;
        }
        deleteCount.incrementAndGet();
        respond(exchange, 200, null);
    }

    private void answer(HttpExchange exchange, Map<String, Object> reply) throws IOException {
        if (!answerWithSse) {
            respond(exchange, 200, reply);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
        exchange.sendResponseHeaders(200, 0);
        try (OutputStream out = exchange.getResponseBody()) {
            // A notification before the response, as servers may send progress or list changes on the POST stream.
            String log = JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "method", "notifications/message",
                    "params", Map.of("level", "info", "data", "working")));
            out.write(("event: message\ndata: " + log + "\n\n").getBytes(StandardCharsets.UTF_8));
            out.write(("event: message\ndata: " + JSON.writeValueAsString(reply) + "\n\n").getBytes(StandardCharsets.UTF_8));
        }
    }

    private void record(Headers headers) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        headers.forEach((name, values) -> copy.put(name.toLowerCase(java.util.Locale.ROOT), List.copyOf(values)));
        requestHeaders.add(copy);
    }

    private static Map<String, Object> result(Object id, Map<String, Object> result) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("jsonrpc", "2.0");
        reply.put("id", id);
        reply.put("result", result);
        return reply;
    }

    private static Map<String, Object> rpcError(Object id, int code, String message) {
        Map<String, Object> reply = new LinkedHashMap<>();
        reply.put("jsonrpc", "2.0");
        reply.put("id", id);
        reply.put("error", Map.of("code", code, "message", message));
        return reply;
    }

    private static void respond(HttpExchange exchange, int status, Map<String, Object> body) throws IOException {
        if (body == null) {
            exchange.sendResponseHeaders(status, -1);
            return;
        }
        byte[] bytes = JSON.writeValueAsBytes(body);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
