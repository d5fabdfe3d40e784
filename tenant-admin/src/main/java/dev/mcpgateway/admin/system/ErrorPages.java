package dev.mcpgateway.admin.system;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replaces Spring Boot's error controller: a failure that reaches {@code /error} (unknown URL, a 403 from Spring
 * Security, an unexpected exception) is a problem+json for {@code /api/**} and a page in the layout otherwise,
 * whatever the {@code Accept} header says. Never shows exception messages.
 */
@Controller
class ErrorPages implements ErrorController {

    static final String PROBLEM_VIEW = "problem";

    private final JsonMapper json;

    ErrorPages(JsonMapper json) {
        this.json = json;
    }

    /** The model of the {@code problem} page. */
    static Map<String, Object> problemModel(int status, String title, String message) {
        return Map.of("status", status, "problemTitle", title, "message", message);
    }

    @RequestMapping("/error")
    ModelAndView error(HttpServletRequest request, HttpServletResponse response) throws IOException {
        HttpStatus status = statusOf(request);
        String path = (String) request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI);
        if (path != null && path.startsWith(request.getContextPath() + "/api/")) {
            ProblemDetail problem = ApiProblems.of(status, typeOf(status), status.getReasonPhrase(), apiDetail(status));
            response.setStatus(status.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream().write(json.writeValueAsBytes(problem));
            return null;
        }
        ModelAndView page = new ModelAndView(PROBLEM_VIEW, problemModel(status.value(), pageTitle(status), pageMessage(status)));
        page.setStatus(status);
        return page;
    }

    private static HttpStatus statusOf(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
        return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
    }

    private static String typeOf(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "not-found";
            case FORBIDDEN -> "forbidden";
            case UNAUTHORIZED -> "unauthorized";
            default -> status.is4xxClientError() ? "bad-request" : "internal-error";
        };
    }

    private static String apiDetail(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "There is no API operation at this address; the API is described at /api/v1/openapi.json";
            case FORBIDDEN -> "You may not use this operation";
            default -> status.is4xxClientError() ? "The request cannot be handled as sent"
                    : "The request could not be completed; the server log has the details";
        };
    }

    private static String pageTitle(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "Not found";
            case FORBIDDEN -> "Not allowed";
            default -> status.is4xxClientError() ? "That did not work" : "Something went wrong";
        };
    }

    private static String pageMessage(HttpStatus status) {
        return switch (status) {
            case NOT_FOUND -> "There is nothing at this address.";
            case FORBIDDEN -> "You are signed in, but this page or action is not yours to use. Platform admins manage "
                    + "everything; tenant admins manage the members and rules of their own tenants.";
            default -> status.is4xxClientError() ? "The request could not be handled as it was sent."
                    : "The request could not be completed. Try again; if it keeps failing, the server log has the details.";
        };
    }
}
