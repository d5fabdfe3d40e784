package dev.mcpgateway.admin.credential;

/** Vault is switched off or cannot be reached: credentials can be neither listed nor changed right now (503). */
public class VaultUnavailableException extends RuntimeException {

    public VaultUnavailableException(String message) {
        super(message);
    }

    public VaultUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
