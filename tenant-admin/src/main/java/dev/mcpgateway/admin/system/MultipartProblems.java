package dev.mcpgateway.admin.system;

import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.multipart.MultipartException;

/**
 * A body that claims to be multipart but cannot be parsed (e.g. no boundary) fails before any controller is chosen,
 * so the API's own handler never sees it: a 400 problem here instead of a 500. No page of ours takes multipart.
 */
@ControllerAdvice
class MultipartProblems {

    @ExceptionHandler
    ResponseEntity<ProblemDetail> unreadableMultipart(MultipartException e) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ApiProblems.of(HttpStatus.BAD_REQUEST, "bad-request", "Bad request",
                        "The multipart body cannot be read; send the documented content type (application/json)"));
    }
}
