package dev.mcpgateway.gateway.mcp.server;

import dev.mcpgateway.gateway.directory.DirectoryChanged;
import dev.mcpgateway.gateway.directory.TenancySnapshot;
import dev.mcpgateway.gateway.directory.TenantDirectory;
import dev.mcpgateway.gateway.mcp.backend.BackendToolsChanged;
import dev.mcpgateway.gateway.mcp.backend.ModernProtocol;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.context.event.EventListener;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.BodyInserters;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code subscriptions/listen} (2026-07-28) for tool-list changes: an event stream that acknowledges the filter, then
 * sends {@code notifications/tools/list_changed} whenever the caller's tools in the endpoint's scope may have changed
 * (a backend of one of their tenants reported new tools, or their memberships, levels, or their tenants' rules
 * changed). Every replica hears both: directory changes by LISTEN/NOTIFY, backend changes through its own MCP client.
 * Other change kinds (prompts, resources) are not honored, as the gateway serves tools only.
 */
@Component
class ToolListSubscriptions {

    /** Comments on an idle stream, so that proxies in between do not close it. */
    private static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    /** Open streams per replica; each holds a connection. */
    private static final int MAX_OPEN = 1000;
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final TenantDirectory directory;
    private final Sinks.Many<Object> changes = Sinks.many().multicast().directBestEffort();
    private final AtomicInteger open = new AtomicInteger();

    ToolListSubscriptions(TenantDirectory directory) {
        this.directory = directory;
    }

    @EventListener
    void onBackendToolsChanged(BackendToolsChanged change) {
        publish(change);
    }

    @EventListener
    void onDirectoryChanged(DirectoryChanged change) {
        publish(change);
    }

    /** The stream answering the {@code subscriptions/listen} request {@code message} of {@code email}. */
    Mono<ServerResponse> listen(ServerRequest request, JsonNode message, ToolScope scope, String email,
                                Map<String, Object> resultMeta) {
        JsonNode id = message.get("id");
        JsonNode filter = message.path("params").path("notifications");
        if (!filter.isObject()) {
            return McpResponses.message(request, HttpStatus.OK, JsonRpc.error(id, JsonRpc.INVALID_PARAMS,
                    "Invalid params: 'notifications' is required and must be a valid SubscriptionFilter"), null);
        }
        boolean tools = filter.path("toolsListChanged").isBoolean() && filter.get("toolsListChanged").asBoolean();
        Map<String, Object> honored = tools ? Map.of("toolsListChanged", true) : Map.of();
        String ack = event(notification("notifications/subscriptions/acknowledged", Map.of("notifications", honored), id));
        if (!tools) {
            // Nothing to deliver: acknowledge and end the subscription at once, as the SDK does.
            return stream(Flux.just(ack, event(JsonRpc.result(id, endResult(id, resultMeta)))));
        }
        if (open.incrementAndGet() > MAX_OPEN) {
            open.decrementAndGet();
            return McpResponses.message(request, HttpStatus.OK,
                    JsonRpc.error(id, JsonRpc.INTERNAL_ERROR, "Subscription limit reached"), null);
        }
        Flux<String> notices = changes.asFlux()
                .filter(change -> concerns(change, email, scope))
                .map(change -> event(notification("notifications/tools/list_changed", Map.of(), id)));
        Flux<String> keepAlive = Flux.interval(KEEP_ALIVE).map(tick -> ": keepalive\n\n");
        return stream(Flux.merge(notices, keepAlive).startWith(ack).doFinally(signal -> open.decrementAndGet()));
    }

    /** True when {@code change} may change what {@code email} sees in {@code scope}. */
    private boolean concerns(Object change, String email, ToolScope scope) {
        if (change instanceof BackendToolsChanged tools) {
            return scope.tenantId() == null ? directory.current().levelOf(email, tools.tenantId()) != null
                    : scope.tenantId().equals(tools.tenantId());
        }
        if (change instanceof DirectoryChanged directoryChange) {
            return !view(directoryChange.previous(), email, scope).equals(view(directoryChange.current(), email, scope));
        }
        return false;
    }

    /** What decides the caller's tool list in a snapshot: each of their tenants (rules included) and their level. */
    private static Map<String, List<Object>> view(TenancySnapshot snapshot, String email, ToolScope scope) {
        Map<String, List<Object>> view = new HashMap<>();
        snapshot.tenantsOf(email).forEach((tenantId, level) -> {
            if (scope.tenantId() == null || scope.tenantId().equals(tenantId)) {
                view.put(tenantId, List.of(level, snapshot.tenant(tenantId).map(Object.class::cast).orElse("gone")));
            }
        });
        return view;
    }

    private synchronized void publish(Object change) {
        // Serialized: a multicast sink refuses concurrent emissions; a subscriber that is too slow misses one.
        changes.tryEmitNext(change);
    }

    private static Map<String, Object> notification(String method, Map<String, Object> params, JsonNode id) {
        Map<String, Object> withId = new LinkedHashMap<>(params);
        withId.put("_meta", Map.of(ModernProtocol.SUBSCRIPTION_ID_KEY, id));
        Map<String, Object> notification = new LinkedHashMap<>();
        notification.put("jsonrpc", "2.0");
        notification.put("method", method);
        notification.put("params", withId);
        return notification;
    }

    private static Map<String, Object> endResult(JsonNode id, Map<String, Object> resultMeta) {
        Map<String, Object> meta = new LinkedHashMap<>(resultMeta);
        meta.put(ModernProtocol.SUBSCRIPTION_ID_KEY, id);
        return Map.of("resultType", "complete", "_meta", meta);
    }

    private static String event(Object message) {
        return "event: message\ndata: " + JSON.writeValueAsString(message) + "\n\n";
    }

    private static Mono<ServerResponse> stream(Flux<String> events) {
        Flux<DataBuffer> bytes = events.map(text -> DefaultDataBufferFactory.sharedInstance.wrap(
                text.getBytes(StandardCharsets.UTF_8)));
        return ServerResponse.ok().contentType(MediaType.TEXT_EVENT_STREAM)
                .header("Cache-Control", "no-cache, no-transform")
                .header("X-Accel-Buffering", "no")
                .body(BodyInserters.fromDataBuffers(bytes));
    }
}
