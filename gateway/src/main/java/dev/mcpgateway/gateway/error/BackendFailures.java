package dev.mcpgateway.gateway.error;

import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import reactor.netty.http.client.PrematureCloseException;

/**
 * What a failure to forward a call to a tenant's tool server means for the caller: an unreachable server is a 503,
 * one that hangs up without an answer a 502, one that does not answer in time a 504 — each a short problem naming the
 * tenant, instead of a 500 that blames the gateway. Applied where the tenant of the call is known, before the error
 * handler and the audit see the error, so both answer and record the same status.
 */
public final class BackendFailures {

    private BackendFailures() {
    }

    /** The problem for {@code error} raised while forwarding a call of {@code tenant}, or {@code null} if it is none. */
    public static GatewayProblem problemFor(String tenant, Throwable error) {
        if (tenant == null || error == null || error instanceof GatewayProblem) {
            return null;
        }
        if (error instanceof ResponseStatusException status && status.getStatusCode().value() == HttpStatus.GATEWAY_TIMEOUT.value()) {
            return GatewayProblem.gatewayTimeout(tenant, "the tenant's tool server did not answer in time");
        }
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof ConnectException || cause instanceof ConnectTimeoutException
                    || cause instanceof UnknownHostException) {
                return GatewayProblem.unavailable(tenant, "the tenant's tool server is unreachable");
            }
            if (cause instanceof PrematureCloseException) {
                return GatewayProblem.badGateway(tenant, "the tenant's tool server closed the connection without an answer");
            }
            if (cause instanceof TimeoutException || cause instanceof ReadTimeoutException) {
                return GatewayProblem.gatewayTimeout(tenant, "the tenant's tool server did not answer in time");
            }
        }
        return null;
    }
}
