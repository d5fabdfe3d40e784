package dev.mcpgateway.gateway.mcp.server;

import dev.mcpgateway.gateway.config.GatewayProperties;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.stereotype.Component;

/**
 * DNS rebinding protection for the MCP endpoints, as the Streamable HTTP transport asks: a request whose
 * {@code Origin} is not expected is refused. Expected are the configured {@code allowed-origins} and, unless switched
 * off, loopback origins. Requests without {@code Origin} come from servers and CLIs, not browsers, and pass. When
 * {@code allowed-hosts} is set, the {@code Host} must be one of them too.
 */
@Component
class OriginGuard {

    private static final Set<String> LOOPBACK = Set.of("localhost", "127.0.0.1", "[::1]", "::1");

    private final Set<String> allowedOrigins;
    private final boolean allowLoopbackOrigins;
    private final Set<String> allowedHosts;

    OriginGuard(GatewayProperties properties) {
        GatewayProperties.Mcp.Server server = properties.mcp().server();
        this.allowedOrigins = normalized(server.allowedOrigins());
        this.allowLoopbackOrigins = server.allowLoopbackOrigins();
        this.allowedHosts = normalized(server.allowedHosts());
    }

    /** Why {@code request} must be refused, or {@code null} when it may proceed. */
    String refusal(ServerHttpRequest request) {
        HttpHeaders headers = request.getHeaders();
        if (!allowedHosts.isEmpty()) {
            String host = hostName(headers.getFirst(HttpHeaders.HOST));
            if (host == null && request.getURI().getHost() != null) {
                host = request.getURI().getHost().toLowerCase(Locale.ROOT);
            }
            if (host == null || !allowedHosts.contains(host)) {
                return "this Host is not allowed to use the MCP endpoint";
            }
        }
        String origin = headers.getFirst(HttpHeaders.ORIGIN);
        if (origin == null) {
            return null;
        }
        String normalized = origin.strip().toLowerCase(Locale.ROOT);
        if (allowedOrigins.contains(normalized)) {
            return null;
        }
        if (allowLoopbackOrigins && isLoopback(normalized)) {
            return null;
        }
        return "Origin " + (origin.length() > 100 ? "" : origin + " ") + "is not allowed to use the MCP endpoint";
    }

    private static boolean isLoopback(String origin) {
        try {
            URI uri = URI.create(origin);
            String scheme = uri.getScheme();
            String host = uri.getHost();
            return ("http".equals(scheme) || "https".equals(scheme)) && host != null && LOOPBACK.contains(host);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@code example.com:8080} → {@code example.com}; {@code [::1]:80} → {@code [::1]}. */
    static String hostName(String hostHeader) {
        if (hostHeader == null || hostHeader.isBlank()) {
            return null;
        }
        String host = hostHeader.strip().toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? null : host.substring(0, end + 1);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }

    private static Set<String> normalized(List<String> values) {
        return values.stream().map(v -> v.strip().toLowerCase(Locale.ROOT)).filter(v -> !v.isEmpty())
                .map(v -> v.endsWith("/") ? v.substring(0, v.length() - 1) : v)
                .collect(Collectors.toUnmodifiableSet());
    }
}
