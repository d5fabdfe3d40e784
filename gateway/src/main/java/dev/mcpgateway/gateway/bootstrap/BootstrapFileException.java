package dev.mcpgateway.gateway.bootstrap;

/** The bootstrap file is unreadable, invalid (the message names the line and the field) or could not be applied. */
class BootstrapFileException extends RuntimeException {

    BootstrapFileException(String message) {
        super(message);
    }

    BootstrapFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
