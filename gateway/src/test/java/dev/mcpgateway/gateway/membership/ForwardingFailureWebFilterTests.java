package dev.mcpgateway.gateway.membership;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mcpgateway.gateway.error.GatewayProblem;
import java.net.ConnectException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.mock.http.server.reactive.MockServerHttpRequest;
import org.springframework.mock.web.server.MockServerWebExchange;
import reactor.core.publisher.Mono;

class ForwardingFailureWebFilterTests {

    private final ForwardingFailureWebFilter filter = new ForwardingFailureWebFilter();

    @Test
    void turnsAnUnreachableToolServerIntoTheTenantsServiceUnavailableProblem() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/tools/acme/echo"));
        exchange.getAttributes().put(TenantCall.ATTRIBUTE, new TenantCall("acme", "echo", null));

        Throwable failure = failureOf(exchange, new ConnectException("Connection refused"));

        assertThat(failure).isInstanceOf(GatewayProblem.class);
        GatewayProblem problem = (GatewayProblem) failure;
        assertThat(problem.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(problem.problem().getProperties()).containsEntry("tenant", "acme");
    }

    @Test
    void leavesFailuresOutsideATenantCallAlone() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/mcp"));
        ConnectException refused = new ConnectException("Connection refused");

        assertThat(failureOf(exchange, refused)).isSameAs(refused);
    }

    @Test
    void leavesProblemsAlreadyDecidedAlone() {
        MockServerWebExchange exchange = MockServerWebExchange.from(MockServerHttpRequest.post("/tools/acme/echo"));
        exchange.getAttributes().put(TenantCall.ATTRIBUTE, new TenantCall("acme", "echo", null));
        GatewayProblem forbidden = GatewayProblem.forbidden("acme", "no");

        assertThat(failureOf(exchange, forbidden)).isSameAs(forbidden);
    }

    private Throwable failureOf(MockServerWebExchange exchange, Throwable thrownInside) {
        Throwable[] seen = new Throwable[1];
        filter.filter(exchange, forwarded -> Mono.error(thrownInside))
                .onErrorResume(error -> {
                    seen[0] = error;
                    return Mono.empty();
                })
                .block(Duration.ofSeconds(5));
        return seen[0];
    }
}
