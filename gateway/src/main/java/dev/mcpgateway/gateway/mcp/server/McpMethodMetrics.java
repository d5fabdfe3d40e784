package dev.mcpgateway.gateway.mcp.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Locale;
import java.util.Set;
import org.springframework.stereotype.Component;

/**
 * Counts the JSON-RPC requests the gateway's MCP endpoints answer themselves, by era and method
 * ({@code mcpgateway.mcp.server.requests}). A modern request's method is its {@code Mcp-Method} header, checked against
 * the body before it is counted; unknown methods count as {@code other}, so callers cannot grow the tag values.
 */
@Component
class McpMethodMetrics {

    private static final Set<String> KNOWN = Set.of("initialize", "ping", "server/discover", "tools/list", "tools/call",
            "subscriptions/listen", "resources/list", "resources/read", "prompts/list", "prompts/get");

    private final MeterRegistry meters;

    McpMethodMetrics(MeterRegistry meters) {
        this.meters = meters;
    }

    void count(ProtocolEra era, String method) {
        Counter.builder("mcpgateway.mcp.server.requests")
                .description("JSON-RPC requests answered by the gateway's MCP endpoints, by protocol era and method")
                .tag("era", era.name().toLowerCase(Locale.ROOT))
                .tag("method", method != null && KNOWN.contains(method) ? method : "other")
                .register(meters)
                .increment();
    }
}
