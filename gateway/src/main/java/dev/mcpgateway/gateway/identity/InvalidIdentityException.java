package dev.mcpgateway.gateway.identity;

/**
 * A caller's proof of identity was present but not acceptable. The message is safe to show to the caller: it
 * names the reason, never the token or key. Stackless, because refusals are routine and must stay cheap.
 */
class InvalidIdentityException extends Exception {

    InvalidIdentityException(String reason) {
        super(reason, null, false, false);
    }
}
