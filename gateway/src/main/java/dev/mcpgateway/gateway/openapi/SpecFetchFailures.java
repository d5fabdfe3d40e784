package dev.mcpgateway.gateway.openapi;

import dev.mcpgateway.gateway.error.GatewayProblem;
import io.netty.channel.ConnectTimeoutException;
import io.netty.handler.ssl.NotSslRecordException;
import io.netty.handler.timeout.ReadTimeoutException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import tools.jackson.core.JacksonException;

/**
 * Why a tool spec could not be fetched, in words an operator can act on (DNS failure, connection refused, TLS,
 * timeout, HTTP status), for the log only: problem bodies stay free of internal addresses and exception text.
 */
final class SpecFetchFailures {

    private SpecFetchFailures() {
    }

    static String describe(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof UnknownHostException) {
                return "DNS lookup failed (" + cause.getMessage() + ")";
            }
            if (cause instanceof ConnectTimeoutException) {
                return "connection timed out";
            }
            if (cause instanceof ConnectException) {
                return "connection refused";
            }
            if (cause instanceof SSLException || cause instanceof NotSslRecordException) {
                return "TLS failed (" + cause.getMessage() + ")";
            }
            if (cause instanceof TimeoutException || cause instanceof ReadTimeoutException) {
                return "timed out waiting for the spec";
            }
            if (cause instanceof WebClientResponseException response) {
                return "answered HTTP " + response.getStatusCode().value();
            }
            if (cause instanceof DataBufferLimitException) {
                return "spec larger than mcpgateway.openapi.max-spec-size";
            }
            if (cause instanceof JacksonException) {
                return "not valid JSON";
            }
            if (cause instanceof GatewayProblem problem) {
                return problem.getMessage();
            }
        }
        return error.getClass().getSimpleName() + (error.getMessage() == null ? "" : " (" + error.getMessage() + ")");
    }
}
