package dev.mcpgateway.gateway.error;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * An error the gateway itself answers with, as RFC 9457 {@code application/problem+json}. The detail is short and
 * written for the model that reads it (Open WebUI passes the body on verbatim): it names the tenant and the reason,
 * never other tenants, members, secrets or stack traces.
 */
public class GatewayProblem extends RuntimeException {

    private static final String TYPE_BASE = "https://mcp-tenant-gateway.dev/problems/";
    /** The type (last path segment) of {@link #answerTooLarge}. */
    public static final String ANSWER_TOO_LARGE = "answer-too-large";

    private final transient ProblemDetail problem;

    private GatewayProblem(HttpStatus status, String type, String title, String detail, String tenant) {
        super(detail, null, false, false);
        this.problem = ProblemDetail.forStatusAndDetail(status, detail);
        this.problem.setType(URI.create(TYPE_BASE + type));
        this.problem.setTitle(title);
        if (tenant != null) {
            this.problem.setProperty("tenant", tenant);
        }
    }

    public ProblemDetail problem() {
        return problem;
    }

    public HttpStatus status() {
        return HttpStatus.valueOf(problem.getStatus());
    }

    /** 400: the request itself is malformed. */
    public static GatewayProblem badRequest(String tenant, String detail) {
        return new GatewayProblem(HttpStatus.BAD_REQUEST, "bad-request", "Bad request", detail, tenant);
    }

    /** 401: no client key, or no verified identity. */
    public static GatewayProblem unauthorized(String detail) {
        return new GatewayProblem(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized", detail, null);
    }

    /** 403: the caller is known but may not do this in {@code tenant}. */
    public static GatewayProblem forbidden(String tenant, String detail) {
        return new GatewayProblem(HttpStatus.FORBIDDEN, "forbidden", "Forbidden", detail, tenant);
    }

    /** 404: no such (enabled) tenant, or no such tool. */
    public static GatewayProblem notFound(String tenant, String detail) {
        return new GatewayProblem(HttpStatus.NOT_FOUND, "not-found", "Not found", detail, tenant);
    }

    /** 429: a rate limit of {@code tenant} is reached; {@code limit} names it (e.g. "20 calls/s per person"). */
    public static GatewayProblem rateLimited(String tenant, String limit, String detail) {
        GatewayProblem problem = new GatewayProblem(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
                detail, tenant);
        problem.problem.setProperty("limit", limit);
        return problem;
    }

    /** 503 at once: {@code tenant}'s tool server already has as many calls in flight as the limit allows. */
    public static GatewayProblem tooManyConcurrentCalls(String tenant, String limit, String detail) {
        GatewayProblem problem = new GatewayProblem(HttpStatus.SERVICE_UNAVAILABLE, "concurrency-limited",
                "Too many calls in flight", detail, tenant);
        problem.problem.setProperty("limit", limit);
        return problem;
    }

    /** 502: the tenant's backend failed or answered nonsense. */
    public static GatewayProblem badGateway(String tenant, String detail) {
        return new GatewayProblem(HttpStatus.BAD_GATEWAY, "backend-error", "Backend error", detail, tenant);
    }

    /** 502: the tenant's backend answered with more than the tenant's answer-size limit ({@code limit} bytes). */
    public static GatewayProblem answerTooLarge(String tenant, long limit, String detail) {
        GatewayProblem problem = new GatewayProblem(HttpStatus.BAD_GATEWAY, ANSWER_TOO_LARGE, "Answer too large",
                detail, tenant);
        problem.problem.setProperty("maxResponseBytes", limit);
        return problem;
    }

    /** 504: the tenant's backend did not answer in time. */
    public static GatewayProblem gatewayTimeout(String tenant, String detail) {
        return new GatewayProblem(HttpStatus.GATEWAY_TIMEOUT, "backend-timeout", "Backend timeout", detail, tenant);
    }

    /** 503: a dependency (Vault, a backend) is unavailable right now; retrying later may work. */
    public static GatewayProblem unavailable(String tenant, String detail) {
        return new GatewayProblem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Service unavailable", detail, tenant);
    }
}
