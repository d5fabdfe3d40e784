package dev.mcpgateway.gateway.identity;

/**
 * The IdP's signing keys could not be fetched and none are cached, so no IdP token can be checked right now.
 * Stackless: routine for every IdP token while the IdP is down.
 */
class IdpUnavailableException extends RuntimeException {

    IdpUnavailableException() {
        super("the identity provider's signing keys cannot be fetched right now; try again shortly", null, false, false);
    }
}
