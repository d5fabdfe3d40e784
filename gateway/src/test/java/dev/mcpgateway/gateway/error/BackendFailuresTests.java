package dev.mcpgateway.gateway.error;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import java.net.ConnectException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;

class BackendFailuresTests {

    @Test
    void anUnreachableToolServerIsUnavailable() {
        GatewayProblem refused = BackendFailures.problemFor("acme",
                new IllegalStateException("wrapped", new ConnectException("Connection refused")));
        GatewayProblem connectTimeout = BackendFailures.problemFor("acme", new ConnectTimeoutException("timed out"));

        assertThat(refused.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
        assertThat(refused.problem().getDetail()).isEqualTo("the tenant's tool server is unreachable");
        assertThat(refused.problem().getProperties()).containsEntry("tenant", "acme");
        assertThat(connectTimeout.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE);
    }

    @Test
    void aSlowToolServerIsAGatewayTimeout() {
        assertThat(BackendFailures.problemFor("acme", new ResponseStatusException(HttpStatus.GATEWAY_TIMEOUT, "Response took longer"))
                .status()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
        assertThat(BackendFailures.problemFor("acme", new TimeoutException()).status()).isEqualTo(HttpStatus.GATEWAY_TIMEOUT);
    }

    @Test
    void leavesOtherErrorsAndCallsWithoutTenantAlone() {
        assertThat(BackendFailures.problemFor("acme", new IllegalStateException("bug"))).isNull();
        assertThat(BackendFailures.problemFor(null, new ConnectException("Connection refused"))).isNull();
        assertThat(BackendFailures.problemFor("acme", GatewayProblem.forbidden("acme", "no"))).isNull();
    }
}
