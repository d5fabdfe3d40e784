package dev.mcpgateway.admin.system;

import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Error pages for the web UI: a missing tenant or member, a conflicting change. The JSON API's handler runs first
 * for API controllers; access denials go to Spring Security (403 page).
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.LOWEST_PRECEDENCE)
class WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(WebExceptionHandler.class);

    @ExceptionHandler
    String notFound(NotFoundException e, HttpServletResponse response, Model model) {
        return page(response, model, HttpServletResponse.SC_NOT_FOUND, "Not found", e.getMessage());
    }

    @ExceptionHandler
    String conflict(ConflictException e, HttpServletResponse response, Model model) {
        return page(response, model, HttpServletResponse.SC_CONFLICT, "That did not work", e.getMessage());
    }

    @ExceptionHandler
    String invalid(InvalidInputException e, HttpServletResponse response, Model model) {
        return page(response, model, HttpServletResponse.SC_BAD_REQUEST, "That did not work", e.getMessage());
    }

    @ExceptionHandler
    String unavailable(VaultUnavailableException e, HttpServletResponse response, Model model) {
        return page(response, model, HttpServletResponse.SC_SERVICE_UNAVAILABLE, "Vault unavailable", e.getMessage());
    }

    @ExceptionHandler
    String concurrentChange(DataIntegrityViolationException e, HttpServletResponse response, Model model) {
        log.info("Rejected a write that violates a database constraint: {}", e.getMostSpecificCause().getMessage());
        return page(response, model, HttpServletResponse.SC_CONFLICT, "That did not work",
                "The change conflicts with the current data (someone may have changed it meanwhile). Reload and try again.");
    }

    private static String page(HttpServletResponse response, Model model, int status, String title, String message) {
        response.setStatus(status);
        model.addAllAttributes(ErrorPages.problemModel(status, title, message));
        return ErrorPages.PROBLEM_VIEW;
    }
}
