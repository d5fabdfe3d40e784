package dev.mcpgateway.gateway.route;

import java.net.URI;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.GlobalFilter;
import org.springframework.cloud.gateway.filter.RouteToRequestUrlFilter;
import org.springframework.cloud.gateway.route.Route;
import org.springframework.cloud.gateway.support.ServerWebExchangeUtils;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.util.StringUtils;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Sends a tenant route's call (a route with {@link TenantRouteDefinitionLocator#TENANT_METADATA}) to its backend
 * without the {@code /tools/<tenant>} the caller addressed it by: {@code /tools/google/read_file?x=1} reaches the
 * backend as {@code /read_file?x=1}, the path Spring Cloud Gateway's {@code StripPrefix=2} makes. It edits the URL
 * the routing filter uses, right after {@code RouteToRequestUrlFilter} built it, where StripPrefix would mutate the
 * request: that copied all of a call's headers, and the request as Reactor Netty delivered it stays the one whose
 * headers {@link BackendRequestHeadersFilter} reads.
 */
@Component
class BackendPathFilter implements GlobalFilter, Ordered {

    static final int ORDER = RouteToRequestUrlFilter.ROUTE_TO_URL_FILTER_ORDER + 1;

    /** {@code /tools} and the tenant. */
    private static final int SEGMENTS_STRIPPED = 2;

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
        Route route = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_ROUTE_ATTR);
        URI url = exchange.getAttribute(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR);
        if (route != null && url != null && route.getMetadata().get(TenantRouteDefinitionLocator.TENANT_METADATA) != null) {
            exchange.getAttributes().put(ServerWebExchangeUtils.GATEWAY_REQUEST_URL_ATTR, withoutToolsAndTenant(url));
        }
        return chain.filter(exchange);
    }

    /** {@code url} with the first two segments of its path removed, as StripPrefix=2 removes them. */
    static URI withoutToolsAndTenant(URI url) {
        String path = url.getRawPath();
        String[] segments = StringUtils.tokenizeToStringArray(path, "/");
        StringBuilder stripped = new StringBuilder(path.length() + 32).append(url.getScheme()).append("://")
                .append(url.getRawAuthority()).append('/');
        for (int i = SEGMENTS_STRIPPED; i < segments.length; i++) {
            if (i > SEGMENTS_STRIPPED) {
                stripped.append('/');
            }
            stripped.append(segments[i]);
        }
        if (segments.length > SEGMENTS_STRIPPED && path.endsWith("/")) {
            stripped.append('/');
        }
        if (url.getRawQuery() != null) {
            stripped.append('?').append(url.getRawQuery());
        }
        if (url.getRawFragment() != null) {
            stripped.append('#').append(url.getRawFragment());
        }
        return URI.create(stripped.toString());
    }
}
