package dev.mcpgateway.gateway.limit;

import dev.mcpgateway.gateway.error.ProblemErrorWebExceptionHandler;
import dev.mcpgateway.gateway.identity.CallerIdentity;
import dev.mcpgateway.gateway.tenant.Tenant;
import dev.mcpgateway.gateway.tenant.TenantCall;
import dev.mcpgateway.gateway.tenant.TenantDirectory;
import dev.mcpgateway.policy.TenantIds;
import java.util.List;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Applies {@link ToolCallLimits} to the tool calls of a tenant's route ({@code POST /tools/<tenant>/<tool>}, proxied
 * or answered by the mcpo bridge): after the membership check allowed the call, before credentials are added. The
 * call holds its place among the calls in flight until its response is written, fails or is cancelled. Refusals are
 * 429 (rates) or 503 (calls in flight) problem+json with {@code Retry-After}. The tenant root is not a tool call.
 * <pre>
 * filters:
 *   - ToolCallLimit=google
 * </pre>
 */
@Component
public class ToolCallLimitGatewayFilterFactory
        extends AbstractGatewayFilterFactory<ToolCallLimitGatewayFilterFactory.Config> {

    private final TenantDirectory directory;
    private final ToolCallLimits limits;

    ToolCallLimitGatewayFilterFactory(TenantDirectory directory, ToolCallLimits limits) {
        super(Config.class);
        this.directory = directory;
        this.limits = limits;
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("tenant");
    }

    @Override
    public GatewayFilter apply(Config config) {
        String tenantId = config.getTenant();
        if (!TenantIds.isValid(tenantId)) {
            throw new IllegalArgumentException("ToolCallLimit needs a tenant id (was '" + tenantId + "')");
        }
        return (exchange, chain) -> limited(exchange, chain, tenantId);
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

    private static Mono<Void> refuse(ServerWebExchange exchange, LimitRefusal refusal) {
        exchange.getAttributes().put(LimitRefusal.ATTRIBUTE, refusal);
        refusal.writeHeaders(exchange.getResponse().getHeaders());
        return ProblemErrorWebExceptionHandler.write(exchange, refusal.problem().problem());
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
            return "ToolCallLimit[tenant=" + tenant + "]";
        }
    }
}
