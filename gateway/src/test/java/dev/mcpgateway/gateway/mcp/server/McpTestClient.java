package dev.mcpgateway.gateway.mcp.server;

import dev.mcpgateway.gateway.identity.OpenWebUiTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A minimal Streamable HTTP MCP client for tests: JSON-RPC over POST with a signed Open WebUI identity, remembering
 * the session id from {@code initialize}. Each call may go to a different gateway instance ({@link #to}).
 */
public final class McpTestClient {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String email;
    private final AtomicInteger ids = new AtomicInteger();
    private String baseUrl;
    private final String path;
    private String sessionId;

    public McpTestClient(String baseUrl, String path, String email) {
        this.baseUrl = baseUrl;
        this.path = path;
        this.email = email;
    }

    /** Sends later requests to another gateway instance, keeping the session. */
    public McpTestClient to(String otherBaseUrl) {
        this.baseUrl = otherBaseUrl;
        return this;
    }

    String sessionId() {
        return sessionId;
    }

    void sessionId(String id) {
        this.sessionId = id;
    }

    /** {@code initialize} (and the {@code initialized} notification); remembers the session id. */
    public JsonNode initialize() {
        Response response = request("initialize", Map.of("protocolVersion", "2025-06-18", "capabilities", Map.of(),
                "clientInfo", Map.of("name", "test", "version", "1")));
        sessionId = response.headers().firstValue("Mcp-Session-Id").orElse(null);
        notify("notifications/initialized");
        return response.json();
    }

    public Response request(String method, Object params) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("jsonrpc", "2.0");
        message.put("id", ids.incrementAndGet());
        message.put("method", method);
        if (params != null) {
            message.put("params", params);
        }
        return post(JSON.writeValueAsString(message), Map.of());
    }

    /**
     * A stateless (2026-07-28) request: the {@code _meta} envelope in its params, {@code MCP-Protocol-Version},
     * {@code Mcp-Method} and (for {@code tools/call}) {@code Mcp-Name}, and never a session id.
     */
    public Response modern(String method, Map<String, Object> params) {
        Map<String, Object> withEnvelope = new LinkedHashMap<>(params);
        withEnvelope.put("_meta", Map.of("io.modelcontextprotocol/protocolVersion", "2026-07-28",
                "io.modelcontextprotocol/clientInfo", Map.of("name", "test", "version", "1"),
                "io.modelcontextprotocol/clientCapabilities", Map.of()));
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("jsonrpc", "2.0");
        message.put("id", ids.incrementAndGet());
        message.put("method", method);
        message.put("params", withEnvelope);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("MCP-Protocol-Version", "2026-07-28");
        headers.put("Mcp-Method", method);
        if (params.get("name") instanceof String name) {
            headers.put("Mcp-Name", name);
        }
        String session = sessionId;
        sessionId = null;
        try {
            return post(JSON.writeValueAsString(message), headers);
        } finally {
            sessionId = session;
        }
    }

    void notify(String method) {
        post(JSON.writeValueAsString(Map.of("jsonrpc", "2.0", "method", method)), Map.of());
    }

    public JsonNode listTools() {
        return request("tools/list", Map.of()).json();
    }

    public JsonNode callTool(String name, Map<String, Object> arguments) {
        return request("tools/call", Map.of("name", name, "arguments", arguments)).json();
    }

    public Response post(String body, Map<String, String> extraHeaders) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Accept", "application/json, text/event-stream")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (email != null) {
            request.header(OpenWebUiTokens.HEADER, OpenWebUiTokens.forUser(email));
        }
        if (sessionId != null) {
            request.header("Mcp-Session-Id", sessionId);
        }
        extraHeaders.forEach(request::setHeader);
        return send(request.build());
    }

    Response send(HttpRequest request) {
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new Response(response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    HttpRequest.Builder requestBuilder(String method) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(30))
                .method(method, HttpRequest.BodyPublishers.noBody());
        if (email != null) {
            request.header(OpenWebUiTokens.HEADER, OpenWebUiTokens.forUser(email));
        }
        if (sessionId != null) {
            request.header("Mcp-Session-Id", sessionId);
        }
        return request;
    }

    /** A response; {@link #json()} reads a JSON body or the first SSE event's data. */
    public record Response(int status, java.net.http.HttpHeaders headers, String body) {

        /** The JSON body, or from an event stream the first message that is a response (result or error). */
        public JsonNode json() {
            String contentType = headers.firstValue("Content-Type").orElse("");
            if (!contentType.startsWith("text/event-stream")) {
                return JSON.readTree(body);
            }
            JsonNode last = null;
            for (String event : body.split("\r?\n\r?\n")) {
                StringBuilder data = new StringBuilder();
                for (String line : event.split("\r?\n")) {
                    if (line.startsWith("data:")) {
                        data.append(line.substring(5).strip());
                    }
                }
                if (!data.isEmpty()) {
                    last = JSON.readTree(data.toString());
                    if (last.has("result") || last.has("error")) {
                        return last;
                    }
                }
            }
            return last;
        }
    }
}
