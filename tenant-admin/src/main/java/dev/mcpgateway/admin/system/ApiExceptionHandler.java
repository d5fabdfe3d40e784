package dev.mcpgateway.admin.system;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.validation.FieldError;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/** Turns the JSON API's failures into {@code application/problem+json}, with field details for invalid input. */
@RestControllerAdvice(annotations = RestController.class)
@Order(Ordered.HIGHEST_PRECEDENCE)
class ApiExceptionHandler extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(
            MethodArgumentNotValidException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        List<Map<String, String>> errors = new ArrayList<>();
        for (FieldError error : ex.getBindingResult().getFieldErrors()) {
            errors.add(Map.of("field", error.getField(),
                    "message", error.getDefaultMessage() == null ? "invalid" : error.getDefaultMessage()));
        }
        ex.getBindingResult().getGlobalErrors().forEach(error -> errors.add(Map.of("field", "",
                "message", error.getDefaultMessage() == null ? "invalid" : error.getDefaultMessage())));
        return ResponseEntity.badRequest().body(ApiProblems.invalid(errors));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(
            HttpMessageNotReadableException ex, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        return ResponseEntity.badRequest().body(ApiProblems.of(HttpStatus.BAD_REQUEST,
                "bad-request", "Bad request", "The body is not valid JSON for this operation"));
    }

    @ExceptionHandler
    ProblemDetail invalid(InvalidInputException e) {
        return ApiProblems.invalid(e.errors().stream()
                .map(error -> Map.of("field", error.field(), "message", error.message()))
                .toList());
    }

    @ExceptionHandler
    ProblemDetail notFound(NotFoundException e) {
        return ApiProblems.of(HttpStatus.NOT_FOUND, "not-found", "Not found", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail conflict(ConflictException e) {
        ProblemDetail problem = ApiProblems.of(HttpStatus.CONFLICT, "conflict", "Conflict", e.getMessage());
        if (e.field() != null) {
            problem.setProperty("field", e.field());
        }
        return problem;
    }

    @ExceptionHandler
    ProblemDetail concurrentChange(DataIntegrityViolationException e) {
        log.info("Rejected a write that violates a database constraint: {}", e.getMostSpecificCause().getMessage());
        return ApiProblems.of(HttpStatus.CONFLICT, "conflict", "Conflict",
                "The change conflicts with the current data (it may have changed meanwhile); reload and retry");
    }

    @ExceptionHandler
    ProblemDetail unavailable(VaultUnavailableException e) {
        return ApiProblems.of(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable", e.getMessage());
    }

    @ExceptionHandler
    ProblemDetail forbidden(AccessDeniedException e) {
        return ApiProblems.of(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", e.getMessage());
    }

    /** Signed in, but no longer valid (e.g. the account went away mid-request): the same 401 as the filters give. */
    @ExceptionHandler
    ProblemDetail unauthenticated(AuthenticationException e) {
        return ApiProblems.of(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", "Sign in again");
    }

    /** Anything else is our fault: a 500 problem without the exception's message (it may quote a request or secret). */
    @ExceptionHandler
    ProblemDetail unexpected(RuntimeException e) {
        log.error("API request failed unexpectedly", e);
        return ApiProblems.of(HttpStatus.INTERNAL_SERVER_ERROR, "internal-error", "Internal error",
                "The request could not be completed; the server log has the details");
    }
}
