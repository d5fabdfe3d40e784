package dev.mcpgateway.admin.account;

import dev.mcpgateway.admin.signin.SignInThrottle;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Authenticates {@code Authorization: Bearer mta_…} on the JSON API as the token's owner. A wrong or revoked
 * token is a 401 at once (never a fallback to anonymous) and counts as a failed sign-in of the client address.
 */
public class ApiTokenAuthenticationFilter extends OncePerRequestFilter {

    private static final String BEARER = "Bearer ";

    private final ApiTokenService tokens;
    private final AuthenticationEntryPoint entryPoint;
    private final SignInThrottle throttle;

    public ApiTokenAuthenticationFilter(ApiTokenService tokens, AuthenticationEntryPoint entryPoint,
            SignInThrottle throttle) {
        this.tokens = tokens;
        this.entryPoint = entryPoint;
        this.throttle = throttle;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            chain.doFilter(request, response);
            return;
        }
        Optional<String> owner = tokens.authenticate(header.substring(BEARER.length()).trim());
        if (owner.isEmpty()) {
            // Counted per client address only: a wrong token names no account.
            throttle.failed(null, request.getRemoteAddr());
            SecurityContextHolder.clearContext();
            entryPoint.commence(request, response, new BadCredentialsException("invalid or revoked API token"));
            return;
        }
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(owner.get(), null,
                List.of(new SimpleGrantedAuthority("ROLE_API_TOKEN"))));
        SecurityContextHolder.setContext(context);
        try {
            chain.doFilter(request, response);
        } finally {
            SecurityContextHolder.clearContext();
        }
    }
}
