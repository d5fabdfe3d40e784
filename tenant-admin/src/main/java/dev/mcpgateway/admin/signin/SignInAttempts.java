package dev.mcpgateway.admin.signin;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.AuthenticationFailureBadCredentialsEvent;
import org.springframework.security.authentication.event.AuthenticationSuccessEvent;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;

/**
 * Feeds password sign-ins (login form and HTTP Basic, both through Spring Security's authentication manager) into
 * the {@link SignInThrottle}; API tokens are counted by their filter.
 */
@Component
class SignInAttempts {

    private final SignInThrottle throttle;

    SignInAttempts(SignInThrottle throttle) {
        this.throttle = throttle;
    }

    @EventListener
    void onFailure(AuthenticationFailureBadCredentialsEvent event) {
        Authentication attempt = event.getAuthentication();
        throttle.failed(attempt.getName(), addressOf(attempt));
    }

    @EventListener
    void onSuccess(AuthenticationSuccessEvent event) {
        throttle.succeeded(event.getAuthentication().getName());
    }

    private static String addressOf(Authentication attempt) {
        return attempt.getDetails() instanceof WebAuthenticationDetails details ? details.getRemoteAddress() : null;
    }
}
