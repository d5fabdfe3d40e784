package dev.mcpgateway.gateway.route;

import dev.mcpgateway.gateway.identity.RequestHeaderNames;
import java.util.Iterator;
import java.util.Map;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * The one copy of a request's headers that a route sends its backend: without the hop-by-hop headers
 * ({@link HopByHopHeaders}) and without {@code Forwarded} and {@code X-Forwarded-*}, which a caller could forge and
 * the gateway never passes on. It replaces four filters of Spring Cloud Gateway ({@link ReplacedHeaderFilters}) that
 * each copied every header on every call. Later filters (the caller's credentials out, the tenant's in) change this
 * copy in place.
 */
@Component
class BackendRequestHeadersFilter implements HttpHeadersFilter, Ordered {

    /** Before identity.CallerCredentialHeadersFilter and credential.TenantCredentialHeadersFilter, which edit the copy. */
    static final int ORDER = Ordered.LOWEST_PRECEDENCE - 2;

    private static final String FORWARDED = "Forwarded";
    private static final String X_FORWARDED_PREFIX = "X-Forwarded-";
    private static final String GRPC = "application/grpc";

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        HttpHeaders copy = new HttpHeaders();
        io.netty.handler.codec.http.HttpHeaders delivered =
                input == exchange.getRequest().getHeaders() ? RequestHeaderNames.asDelivered(exchange.getRequest()) : null;
        if (delivered != null) {
            // Netty's own headers, walked once: Spring's HttpHeaders would build a case-insensitive set of the names.
            HopByHopHeaders hopByHop = HopByHopHeaders.of(delivered.getAll(HttpHeaders.CONNECTION));
            Iterator<Map.Entry<CharSequence, CharSequence>> headers = delivered.iteratorCharSequence();
            while (headers.hasNext()) {
                Map.Entry<CharSequence, CharSequence> header = headers.next();
                if (goesToBackend(header.getKey(), hopByHop)) {
                    copy.add(header.getKey().toString(), header.getValue().toString());
                }
            }
        } else {
            HopByHopHeaders hopByHop = HopByHopHeaders.of(input.getOrEmpty(HttpHeaders.CONNECTION));
            input.forEach((name, values) -> {
                if (goesToBackend(name, hopByHop)) {
                    copy.addAll(name, values);
                }
            });
        }
        // What Spring Cloud Gateway's gRPC filter did: a gRPC backend needs to be told the caller accepts trailers.
        String contentType = copy.getFirst(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && RequestHeaderNames.startsWithIgnoringCase(contentType, GRPC)) {
            copy.add("te", "trailers");
        }
        return copy;
    }

    private static boolean goesToBackend(CharSequence name, HopByHopHeaders hopByHop) {
        return !RequestHeaderNames.equalsIgnoringCase(name, FORWARDED)
                && !RequestHeaderNames.startsWithIgnoringCase(name, X_FORWARDED_PREFIX)
                && !hopByHop.contains(name);
    }
}
