package dev.mcpgateway.gateway.membership;

import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.gateway.error.BackendFailures;
import dev.mcpgateway.gateway.error.GatewayProblem;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;
import reactor.core.publisher.Mono;

/**
 * Turns a failure to reach the tool server of a {@link TenantCall} (refused, hung up, too slow) into the
 * {@link GatewayProblem} {@link BackendFailures} names, so the error handler answers and the audit records that
 * status rather than a 500. Only calls with a {@code TenantCall} are touched: others have no tenant to name.
 */
@Component
class ForwardingFailureWebFilter implements WebFilter, Ordered {

    /** Inside the audit filter ({@code HIGHEST_PRECEDENCE + 10}), which must see the mapped problem; outside all else. */
    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 20;

    private static final Logger log = LoggerFactory.getLogger(ForwardingFailureWebFilter.class);

    @Override
    public int getOrder() {
        return ORDER;
    }

    @Override
    public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
        return chain.filter(exchange).onErrorMap(error -> asProblem(exchange, error));
    }

    private static Throwable asProblem(ServerWebExchange exchange, Throwable error) {
        TenantCall call = TenantCall.of(exchange);
        GatewayProblem problem = call == null ? null : BackendFailures.problemFor(call.tenantId(), error);
        if (problem == null) {
            return error;
        }
        log.warn("Tenant '{}': forwarding {} failed: {}", call.tenantId(), exchange.getRequest().getPath().value(),
                error.toString());
        return problem;
    }
}
