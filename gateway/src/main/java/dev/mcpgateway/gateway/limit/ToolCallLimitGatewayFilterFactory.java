package dev.mcpgateway.gateway.limit;

import static org.springframework.cloud.gateway.support.GatewayToStringStyler.filterToStringCreator;

import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.gateway.directory.TenantDirectory;
import dev.mcpgateway.gateway.identity.CallerIdentity;
import dev.mcpgateway.gateway.membership.TenantCall;
import dev.mcpgateway.policy.TenantIds;
import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.core.style.ToStringCreator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Applies {@link ToolCallLimits} to the tool calls of a tenant's route after the membership check allowed them; a
 * call holds its place among the calls in flight until its answer is written, fails or is cancelled. Refusals are
 * 429 (rates) or 503 (calls in flight) problems with {@code Retry-After}. Shortcut form: {@code ToolCallLimit=google}.
 */
@Component
public class ToolCallLimitGatewayFilterFactory
        extends AbstractGatewayFilterFactory<ToolCallLimitGatewayFilterFactory.Config> {

    /** The route's tenant id. */
    public static final String TENANT_KEY = "tenant";

    private final TenantDirectory directory;
    private final ToolCallLimits limits;

    ToolCallLimitGatewayFilterFactory(TenantDirectory directory, ToolCallLimits limits) {
        super(Config.class);
        this.directory = directory;
        this.limits = limits;
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of(TENANT_KEY);
    }

    @Override
    public GatewayFilter apply(Config config) {
        String tenantId = config.getTenant();
        if (!TenantIds.isValid(tenantId)) {
            throw new IllegalArgumentException("ToolCallLimit needs a tenant id (was '" + tenantId + "')");
        }
        return new GatewayFilter() {

            @Override
            public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
                return limited(exchange, chain, tenantId);
            }

            @Override
            public String toString() {
                return filterToStringCreator(ToolCallLimitGatewayFilterFactory.this).append(TENANT_KEY, tenantId)
                        .toString();
            }
        };
    }

    private Mono<Void> limited(ServerWebExchange exchange, GatewayFilterChain chain, String tenantId) {
        TenantCall call = TenantCall.of(exchange);
        CallerIdentity caller = CallerIdentity.of(exchange);
        Tenant tenant = directory.current().tenant(tenantId).orElse(null);
        if (call == null || call.tool() == null || call.decision() == null || !call.decision().allowed()
                || caller == null || tenant == null) {
            return chain.filter(exchange);
        }
        return limits.limit(tenant, caller.email(), () -> chain.filter(exchange), refusal -> refuse(exchange, refusal));
    }

    /** The refusal stays on the exchange for audit; its headers go out with the problem the error handler writes. */
    private static Mono<Void> refuse(ServerWebExchange exchange, LimitRefusal refusal) {
        exchange.getAttributes().put(LimitRefusal.ATTRIBUTE, refusal);
        refusal.writeHeaders(exchange.getResponse().getHeaders());
        return Mono.error(refusal.problem());
    }

    /** The route's tenant, e.g. {@code ToolCallLimit=google}. */
    public static class Config {

        private String tenant;

        public String getTenant() {
            return tenant;
        }

        public void setTenant(String tenant) {
            this.tenant = tenant;
        }

        @Override
        public String toString() {
            return new ToStringCreator(this).append(TENANT_KEY, tenant).toString();
        }
    }
}
