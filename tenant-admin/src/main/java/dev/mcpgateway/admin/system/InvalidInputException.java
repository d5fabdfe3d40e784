package dev.mcpgateway.admin.system;

import jakarta.validation.ConstraintViolation;
import java.util.Comparator;
import java.util.List;
import java.util.Set;

/** Input that breaks a rule, with the field(s) concerned: shown next to form fields, or as API problem details (400). */
public class InvalidInputException extends RuntimeException {

    /** One rejected field and why. */
    public record FieldMessage(String field, String message) {
    }

    private final transient List<FieldMessage> errors;

    public InvalidInputException(String field, String message) {
        this(List.of(new FieldMessage(field, message)));
    }

    public InvalidInputException(List<FieldMessage> errors) {
        super(errors.get(0).message());
        this.errors = List.copyOf(errors);
    }

    /** Fails with every violation when {@code violations} is not empty. */
    public static <T> void throwIfAny(Set<ConstraintViolation<T>> violations) {
        if (!violations.isEmpty()) {
            throw new InvalidInputException(violations.stream()
                    .map(v -> new FieldMessage(v.getPropertyPath().toString(), v.getMessage()))
                    .sorted(Comparator.comparing(FieldMessage::field))
                    .toList());
        }
    }

    /** The first field concerned. */
    public String field() {
        return errors.get(0).field();
    }

    public List<FieldMessage> errors() {
        return errors;
    }
}
