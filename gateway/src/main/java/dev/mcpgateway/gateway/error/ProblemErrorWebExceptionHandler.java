package dev.mcpgateway.gateway.error;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebExceptionHandler;
import reactor.core.publisher.Mono;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one place errors become responses: filters and handlers refuse with {@code Mono.error(GatewayProblem)}, written
 * here as problem+json; framework errors (404 of an unknown path, 405, ...) become a generic problem of the same
 * status, anything else a 500 without details.
 */
@Component
@Order(-2) // before Boot's DefaultErrorWebExceptionHandler
public class ProblemErrorWebExceptionHandler implements WebExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemErrorWebExceptionHandler.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Override
    public Mono<Void> handle(ServerWebExchange exchange, Throwable error) {
        if (exchange.getResponse().isCommitted()) {
            return Mono.error(error);
        }
        return write(exchange, toProblem(exchange, error));
    }

    private static Mono<Void> write(ServerWebExchange exchange, ProblemDetail problem) {
        var response = exchange.getResponse();
        response.setStatusCode(HttpStatusCode.valueOf(problem.getStatus()));
        response.getHeaders().setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        byte[] body = JSON.writeValueAsString(asJson(problem)).getBytes(StandardCharsets.UTF_8);
        DataBuffer buffer = response.bufferFactory().wrap(body);
        return response.writeWith(Mono.just(buffer));
    }

    /** RFC 9457 members first, then extensions at the top level (e.g. {@code tenant}). */
    private static Map<String, Object> asJson(ProblemDetail problem) {
        Map<String, Object> json = new LinkedHashMap<>();
        // Spring 7 leaves the type unset for generic problems; RFC 9457 says that means "about:blank".
        json.put("type", problem.getType() == null ? "about:blank" : problem.getType().toString());
        json.put("title", problem.getTitle());
        json.put("status", problem.getStatus());
        if (problem.getDetail() != null) {
            json.put("detail", problem.getDetail());
        }
        if (problem.getProperties() != null) {
            json.putAll(problem.getProperties());
        }
        return json;
    }

    private ProblemDetail toProblem(ServerWebExchange exchange, Throwable error) {
        if (error instanceof GatewayProblem problem) {
            return problem.problem();
        }
        if (error instanceof ResponseStatusException statusError) {
            HttpStatusCode status = statusError.getStatusCode();
            ProblemDetail problem = ProblemDetail.forStatus(status);
            HttpStatus known = HttpStatus.resolve(status.value());
            problem.setDetail(known == HttpStatus.NOT_FOUND ? "no such endpoint" : statusError.getReason());
            return problem;
        }
        log.error("Unexpected error", error);
        ProblemDetail problem = ProblemDetail.forStatus(HttpStatus.INTERNAL_SERVER_ERROR);
        problem.setDetail("internal gateway error");
        return problem;
    }
}
