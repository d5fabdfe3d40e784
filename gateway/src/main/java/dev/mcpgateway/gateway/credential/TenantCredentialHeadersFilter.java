package dev.mcpgateway.gateway.credential;

import org.springframework.cloud.gateway.filter.headers.HttpHeadersFilter;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Writes the tenant's credentials that {@link VaultCredentialGatewayFilterFactory} resolved into the headers Spring
 * Cloud Gateway's routing filter sends the backend, in the pass where it already copies them, removing whatever
 * credentials the caller sent. One copy of the headers per call instead of a mutated request and a second copy.
 */
@Component
class TenantCredentialHeadersFilter implements HttpHeadersFilter, Ordered {

    /**
     * Last: after route.BackendRequestHeadersFilter, which hands on a fresh copy this filter may change in place,
     * and after the caller's credentials are removed (identity.CallerCredentialHeadersFilter), which would otherwise
     * remove the tenant's {@code Authorization} too.
     */
    static final int ORDER = Ordered.LOWEST_PRECEDENCE;

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public HttpHeaders filter(HttpHeaders input, ServerWebExchange exchange) {
        TenantHeaders tenantHeaders = exchange.getAttribute(VaultCredentialGatewayFilterFactory.TENANT_HEADERS_ATTRIBUTE);
        if (tenantHeaders == null) {
            return input;
        }
        // The request's own headers are read-only: copy them if no earlier filter already did.
        HttpHeaders headers = input == exchange.getRequest().getHeaders() ? copyOf(input) : input;
        VaultCredentialGatewayFilterFactory.withoutCallerCredentials(headers, tenantHeaders, exchange.getRequest());
        tenantHeaders.applyTo(headers);
        return headers;
    }

    private static HttpHeaders copyOf(HttpHeaders input) {
        HttpHeaders copy = new HttpHeaders();
        copy.addAll(input);
        return copy;
    }
}
