package dev.mcpgateway.gateway.support;

import dev.mcpgateway.gateway.error.GatewayProblem;
import dev.mcpgateway.gateway.error.ProblemErrorWebExceptionHandler;
import dev.mcpgateway.gateway.identity.CallerIdentity;
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
 * Test stand-in for the identity resolver and the membership filter: {@code X-Test-User} names the caller, and calls
 * to {@code /tools/<tenant>/<tool>} get the same {@link TenantCall} and 401/403 the membership filter produces.
 */
public final class TestCallerFilter implements WebFilter, Ordered {

    public static final String USER_HEADER = "X-Test-User";

    private final TenantDirectory directory;

    public TestCallerFilter(TenantDirectory directory) {
        this.directory = directory;
    }

    @Override
    public int getOrder() {
        return Ordered.HIGHEST_PRECEDENCE + 20;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        String user = exchange.getRequest().getHeaders().getFirst(USER_HEADER);
        if (user != null) {
            exchange.getAttributes().put(CallerIdentity.ATTRIBUTE,
                    new CallerIdentity(user, "id-" + user, user, "user", "chat-1", "message-1", "test-client"));
        }
        String[] segments = exchange.getRequest().getPath().pathWithinApplication().value().split("/");
        if (segments.length < 4 || !"tools".equals(segments[1]) || "openapi.json".equals(segments[3])) {
            return chain.filter(exchange);
        }
        Tenant tenant = directory.current().tenant(segments[2]).filter(Tenant::enabled).orElse(null);
        if (tenant == null) {
            return chain.filter(exchange);
        }
        if (user == null) {
            exchange.getAttributes().put(TenantCall.ATTRIBUTE, new TenantCall(tenant.id(), segments[3], null));
            return ProblemErrorWebExceptionHandler.write(exchange, GatewayProblem.unauthorized("no identity").problem());
        }
        AccessDecision decision = tenant.policy().decide(directory.current().levelOf(user, tenant.id()), segments[3]);
        exchange.getAttributes().put(TenantCall.ATTRIBUTE, new TenantCall(tenant.id(), segments[3], decision));
        if (!decision.allowed()) {
            return ProblemErrorWebExceptionHandler.write(exchange,
                    GatewayProblem.forbidden(tenant.id(), decision.explanation()).problem());
        }
        return chain.filter(exchange);
    }
}
