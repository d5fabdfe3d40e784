package dev.mcpgateway.admin.system;

/** A tenant, member, rule or key that does not exist (404 in the UI and the API). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
