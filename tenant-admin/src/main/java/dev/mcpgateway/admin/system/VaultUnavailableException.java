package dev.mcpgateway.admin.system;

/**
 * Vault is switched off or cannot be reached: credentials can be neither listed nor changed right now (503). Here, with
 * the other exceptions the error handlers map, so that they need not know the credential screens.
 */
public class VaultUnavailableException extends RuntimeException {

    public VaultUnavailableException(String message) {
        super(message);
    }

    public VaultUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
