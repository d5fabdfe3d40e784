package dev.mcpgateway.gateway.credential;

import static org.springframework.cloud.gateway.support.GatewayToStringStyler.filterToStringCreator;

import dev.mcpgateway.policy.CredentialKeys;
import dev.mcpgateway.policy.TenantIds;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.core.style.ToStringCreator;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Replaces whatever credentials the caller sent ({@code Authorization}, {@code X-Tenant-*}, any header the tenant's
 * secret sets) with the tenant's own headers from Vault, through {@link TenantCredentialCache}; a 503 problem when
 * Vault cannot be read and nothing is cached. The headers are resolved here and written by
 * {@link TenantCredentialHeadersFilter} into the request the backend receives. Shortcut form: {@code VaultCredential=google}.
 */
@Component
public class VaultCredentialGatewayFilterFactory
        extends AbstractGatewayFilterFactory<VaultCredentialGatewayFilterFactory.Config> {

    /** The route's tenant id. */
    public static final String TENANT_KEY = "tenant";

    /** The call's {@link TenantHeaders}, for {@link TenantCredentialHeadersFilter}. */
    static final String TENANT_HEADERS_ATTRIBUTE = VaultCredentialGatewayFilterFactory.class.getName() + ".tenantHeaders";

    private static final String DERIVED_PREFIX_LOWER = CredentialKeys.DERIVED_PREFIX.toLowerCase(Locale.ROOT);

    private final TenantCredentialCache credentials;

    public VaultCredentialGatewayFilterFactory(TenantCredentialCache credentials) {
        super(Config.class);
        this.credentials = credentials;
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of(TENANT_KEY);
    }

    @Override
    public GatewayFilter apply(Config config) {
        String tenant = config.getTenant();
        if (!TenantIds.isValid(tenant)) {
            throw new IllegalArgumentException("VaultCredential needs a tenant id (was '" + tenant + "')");
        }
        return new GatewayFilter() {

            @Override
            public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
                return credentials.headersFor(tenant).flatMap(headers -> {
                    exchange.getAttributes().put(TENANT_HEADERS_ATTRIBUTE, headers);
                    return chain.filter(exchange);
                });
            }

            @Override
            public String toString() {
                return filterToStringCreator(VaultCredentialGatewayFilterFactory.this).append(TENANT_KEY, tenant)
                        .toString();
            }
        };
    }

    /** Removes every header a caller could use to pass its own credentials off as the tenant's. */
    static void withoutCallerCredentials(HttpHeaders headers, TenantHeaders tenantHeaders) {
        headers.remove(HttpHeaders.AUTHORIZATION);
        tenantHeaders.names().forEach(headers::remove);
        List<String> derived = new ArrayList<>(2);
        // forEach, not headerNames(): in Spring Framework 7 that builds a case-insensitive set of every name per call.
        headers.forEach((name, values) -> {
            if (name.regionMatches(true, 0, DERIVED_PREFIX_LOWER, 0, DERIVED_PREFIX_LOWER.length())) {
                derived.add(name);
            }
        });
        derived.forEach(headers::remove);
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

        @Override
        public String toString() {
            return new ToStringCreator(this).append(TENANT_KEY, tenant).toString();
        }
    }
}
