package dev.mcpgateway.admin.system;

/** A change that contradicts the current state, e.g. creating a tenant whose id exists (409). */
public class ConflictException extends RuntimeException {

    private final String field;

    public ConflictException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The form field the conflict is about, or {@code null}. */
    public String field() {
        return field;
    }
}
