package dev.mcpgateway.gateway.support;

import dev.mcpgateway.gateway.error.GatewayProblem;
import dev.mcpgateway.gateway.error.ProblemErrorWebExceptionHandler;
import dev.mcpgateway.gateway.identity.CallerIdentity;
import dev.mcpgateway.gateway.identity.CallerIdentityWebFilter;
import dev.mcpgateway.gateway.tenant.Tenant;
import dev.mcpgateway.gateway.tenant.TenantCall;
import dev.mcpgateway.gateway.tenant.TenantDirectory;
import dev.mcpgateway.policy.AccessDecision;
import org.springframework.core.Ordered;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Test stand-in for the membership filter, until it is on main: calls to {@code /tools/<tenant>/<tool>} get the same
 * {@link TenantCall} and 401/403 problems the membership filter produces, decided by {@code TenantPolicy.decide}.
 */
public final class TestMembershipFilter implements WebFilter, Ordered {

    private final TenantDirectory directory;

    public TestMembershipFilter(TenantDirectory directory) {
        this.directory = directory;
    }

    @Override
    public int getOrder() {
        return CallerIdentityWebFilter.ORDER + 10;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String[] segments = exchange.getRequest().getPath().pathWithinApplication().value().split("/");
        if (segments.length < 4 || !"tools".equals(segments[1]) || "openapi.json".equals(segments[3])) {
            return chain.filter(exchange);
        }
        Tenant tenant = directory.current().tenant(segments[2]).filter(Tenant::enabled).orElse(null);
        if (tenant == null) {
            return chain.filter(exchange);
        }
        CallerIdentity caller = CallerIdentity.of(exchange);
        if (caller == null) {
            exchange.getAttributes().put(TenantCall.ATTRIBUTE, new TenantCall(tenant.id(), segments[3], null));
            return ProblemErrorWebExceptionHandler.write(exchange, GatewayProblem.unauthorized("no identity").problem());
        }
        AccessDecision decision = tenant.policy().decide(directory.current().levelOf(caller.email(), tenant.id()), segments[3]);
        exchange.getAttributes().put(TenantCall.ATTRIBUTE, new TenantCall(tenant.id(), segments[3], decision));
        if (!decision.allowed()) {
            return ProblemErrorWebExceptionHandler.write(exchange,
                    GatewayProblem.forbidden(tenant.id(), decision.explanation()).problem());
        }
        return chain.filter(exchange);
    }
}
