package dev.mcpgateway.gateway.credential;

import org.springframework.http.HttpHeaders;
import reactor.core.publisher.Mono;

/**
 * The credential headers a tenant's backend receives on every request (from Vault, see {@code credential/}).
 * The returned headers hold secrets: never log their values.
 */
@FunctionalInterface
public interface BackendCredentials {

    /** No credentials at all: for tests and for setups without Vault. */
    BackendCredentials NONE = tenantId -> Mono.just(HttpHeaders.EMPTY);

    /** The headers for {@code tenantId}; an error (e.g. a 503 {@code GatewayProblem}) when they cannot be had now. */
    Mono<HttpHeaders> headersFor(String tenantId);
}
