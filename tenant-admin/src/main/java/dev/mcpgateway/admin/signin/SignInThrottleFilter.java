package dev.mcpgateway.admin.signin;

import dev.mcpgateway.admin.system.ApiProblems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.web.filter.OncePerRequestFilter;
import tools.jackson.databind.json.JsonMapper;

/**
 * Refuses sign-in attempts of a locked account or client address before any password or token is checked: on the
 * JSON API (HTTP Basic, API tokens) a 429 problem with {@code Retry-After}; for the login form a redirect to
 * {@code /login?locked=<seconds>}. Requests that carry no credentials pass.
 */
public class SignInThrottleFilter extends OncePerRequestFilter {

    private static final RequestMatcher LOGIN_FORM = PathPatternRequestMatcher.withDefaults().matcher(HttpMethod.POST, "/login");

    private final SignInThrottle throttle;
    private final JsonMapper json;

    public SignInThrottleFilter(SignInThrottle throttle, JsonMapper json) {
        this.throttle = throttle;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<Attempt> attempt = attemptOf(request);
        Optional<Duration> wait = attempt.flatMap(a -> throttle.retryAfter(a.account(), request.getRemoteAddr()));
        if (wait.isEmpty()) {
            chain.doFilter(request, response);
            return;
        }
        long seconds = Math.max(1, (wait.get().toMillis() + 999) / 1000);
        if (attempt.get().form()) {
            response.sendRedirect(request.getContextPath() + "/login?locked=" + seconds);
            return;
        }
        ProblemDetail problem = ApiProblems.of(HttpStatus.TOO_MANY_REQUESTS, "sign-in-locked", "Too many failed sign-ins",
                "Too many failed sign-ins for this account or from this address; try again in " + seconds + " s");
        problem.setProperty("retryAfterSeconds", seconds);
        response.setStatus(HttpStatus.TOO_MANY_REQUESTS.value());
        response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }

    /** A sign-in attempt: the account it names ({@code null} for API tokens) and whether it is the login form. */
    private record Attempt(String account, boolean form) {
    }

    private static Optional<Attempt> attemptOf(HttpServletRequest request) {
        if (LOGIN_FORM.matches(request)) {
            return Optional.of(new Attempt(request.getParameter("username"), true));
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization == null) {
            return Optional.empty();
        }
        if (authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return Optional.of(new Attempt(basicUsername(authorization.substring(6).trim()), false));
        }
        if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.of(new Attempt(null, false));
        }
        return Optional.empty();
    }

    private static String basicUsername(String encoded) {
        try {
            String decoded = new String(Base64.getDecoder().decode(encoded), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
