package dev.mcpgateway.gateway.identity;

import java.util.ArrayList;
import java.util.List;
import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Removes the caller's proof ({@code Authorization}, {@code X-OpenWebUI-User-*}) from the headers a route sends its
 * backend, for the tool calls {@link CallerIdentityWebFilter} passed on unchanged: done in the copy Spring Cloud
 * Gateway's routing filter makes of the headers anyway, instead of in a mutated request and a copy of its own.
 */
@Component
class CallerCredentialHeadersFilter implements HttpHeadersFilter, Ordered {

    /**
     * After route.BackendRequestHeadersFilter, whose fresh copy this filter changes in place; before the tenant's
     * credentials are written (credential.TenantCredentialHeadersFilter).
     */
    static final int ORDER = Ordered.LOWEST_PRECEDENCE - 1;

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        if (exchange.getAttribute(CallerIdentityWebFilter.REMOVE_WHEN_FORWARDED_ATTRIBUTE) == null) {
            return input;
        }
        // Names from the request as it arrived: what the caller sent is what must not go on.
        List<String> names = CallerIdentityWebFilter.callerCredentialHeaders(exchange.getRequest());
        if (names == null) {
            return input;
        }
        // The request's own headers are read-only: copy them if no earlier filter already did.
        HttpHeaders headers = input;
        if (input == exchange.getRequest().getHeaders()) {
            headers = new HttpHeaders();
            headers.addAll(input);
        }
        names.forEach(headers::remove);
        return headers;
    }
}
