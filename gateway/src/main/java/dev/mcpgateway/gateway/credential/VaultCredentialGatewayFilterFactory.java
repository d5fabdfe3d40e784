package dev.mcpgateway.gateway.credential;

import dev.mcpgateway.policy.CredentialKeys;
import dev.mcpgateway.policy.TenantIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;

/**
 * Replaces whatever credentials the caller sent with the tenant's own, from Vault (through
 * {@link TenantCredentialCache}): drops {@code Authorization}, every {@code X-Tenant-*} header and every header the
 * tenant's secret sets, then adds the tenant's headers ({@link CredentialHeaders}). 503 problem when Vault cannot be
 * read and nothing is cached. Shortcut form: {@code VaultCredential=google}.
 */
@Component
public class VaultCredentialGatewayFilterFactory
        extends AbstractGatewayFilterFactory<VaultCredentialGatewayFilterFactory.Config> {

    private static final String DERIVED_PREFIX_LOWER = CredentialKeys.DERIVED_PREFIX.toLowerCase(Locale.ROOT);

    private final TenantCredentialCache credentials;

    public VaultCredentialGatewayFilterFactory(TenantCredentialCache credentials) {
        super(Config.class);
        this.credentials = credentials;
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("tenant");
    }

    @Override
    public GatewayFilter apply(Config config) {
        String tenant = config.getTenant();
        if (!TenantIds.isValid(tenant)) {
            throw new IllegalArgumentException("VaultCredential needs a tenant id (was '" + tenant + "')");
        }
        return (exchange, chain) -> credentials.headersFor(tenant)
                .flatMap(headers -> chain.filter(withTenantHeaders(exchange, headers)));
    }

    private static ServerWebExchange withTenantHeaders(ServerWebExchange exchange, TenantHeaders tenantHeaders) {
        return exchange.mutate().request(request -> request.headers(headers -> {
            withoutCallerCredentials(headers, tenantHeaders);
            tenantHeaders.applyTo(headers);
        })).build();
    }

    /** Removes every header a caller could use to pass its own credentials off as the tenant's. */
    static void withoutCallerCredentials(HttpHeaders headers, TenantHeaders tenantHeaders) {
        headers.remove(HttpHeaders.AUTHORIZATION);
        tenantHeaders.names().forEach(headers::remove);
        List<String> derived = null;
        for (String name : headers.headerNames()) {
            if (name.regionMatches(true, 0, DERIVED_PREFIX_LOWER, 0, DERIVED_PREFIX_LOWER.length())) {
                if (derived == null) {
                    derived = new ArrayList<>(2);
                }
                derived.add(name);
            }
        }
        if (derived != null) {
            derived.forEach(headers::remove);
        }
    }

    /** The tenant whose credentials the route's calls carry. */
    public static class Config {

        private String tenant;

        public String getTenant() {
            return tenant;
        }

        public Config setTenant(String tenant) {
            this.tenant = tenant;
            return this;
        }
    }
}
