package dev.mcpgateway.gateway.credential;

import static org.springframework.cloud.gateway.support.GatewayToStringStyler.filterToStringCreator;

import dev.mcpgateway.gateway.identity.RequestHeaderNames;
import dev.mcpgateway.policy.CredentialKeys;
import dev.mcpgateway.policy.TenantIds;
import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.core.style.ToStringCreator;
import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
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
    static void withoutCallerCredentials(HttpHeaders headers, TenantHeaders tenantHeaders, ServerHttpRequest request) {
        headers.remove(HttpHeaders.AUTHORIZATION);
        tenantHeaders.names().forEach(headers::remove);
        // Names from the request as it arrived: what the caller sent is what must not pass for the tenant's.
        RequestHeaderNames.matching(request, name -> RequestHeaderNames.startsWithIgnoringCase(name, CredentialKeys.DERIVED_PREFIX))
                .forEach(headers::remove);
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
