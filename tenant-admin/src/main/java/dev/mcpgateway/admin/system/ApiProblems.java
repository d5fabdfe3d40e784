package dev.mcpgateway.admin.system;

import java.net.URI;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** RFC 9457 problem bodies of the JSON API, with the same type URIs as the gateway's. */
public final class ApiProblems {

    private static final String TYPE_BASE = "https://mcp-tenant-gateway.dev/problems/";

    private ApiProblems() {
    }

    public static ProblemDetail of(HttpStatus status, String type, String title, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create(TYPE_BASE + type));
        problem.setTitle(title);
        return problem;
    }

    /** 400 with one entry per rejected field: {@code errors: [{field, message}]}. */
    public static ProblemDetail invalid(List<Map<String, String>> errors) {
        ProblemDetail problem = of(HttpStatus.BAD_REQUEST, "validation", "Invalid request",
                "The request has " + errors.size() + " invalid field(s)");
        problem.setProperty("errors", errors);
        return problem;
    }
}
