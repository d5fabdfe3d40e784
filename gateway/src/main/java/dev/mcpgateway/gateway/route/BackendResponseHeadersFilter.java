package dev.mcpgateway.gateway.route;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Removes the hop-by-hop headers ({@link HopByHopHeaders}) from a backend's answer before the caller gets it, in
 * the copy of the answer's headers Spring Cloud Gateway's routing filter has just made (no second copy, unlike the
 * {@code RemoveHopByHopHeadersFilter} this replaces, see {@link ReplacedHeaderFilters}).
 */
@Component
class BackendResponseHeadersFilter implements HttpHeadersFilter, Ordered {

    @Override
    public int getOrder() {
        return BackendRequestHeadersFilter.ORDER;
    }

    @Override
    public boolean supports(Type type) {
        return type == Type.RESPONSE;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        // The routing filter's copy is the answer's own: writable, and seen by nothing before this.
        HopByHopHeaders.of(input.getOrEmpty(HttpHeaders.CONNECTION)).removeFrom(input);
        return input;
    }
}
