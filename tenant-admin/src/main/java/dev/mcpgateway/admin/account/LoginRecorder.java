package dev.mcpgateway.admin.account;

import org.springframework.context.event.EventListener;
import org.springframework.security.authentication.event.InteractiveAuthenticationSuccessEvent;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Component;

/** Notes when a local account signs in through the login form, for the accounts list. */
@Component
class LoginRecorder {

    private final AccountService accounts;

    LoginRecorder(AccountService accounts) {
        this.accounts = accounts;
    }

    @EventListener
    void onLogin(InteractiveAuthenticationSuccessEvent event) {
        if (event.getAuthentication().getPrincipal() instanceof UserDetails user) {
            accounts.recordLogin(user.getUsername());
        }
    }
}
