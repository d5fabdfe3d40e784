package dev.mcpgateway.admin.account;

import java.util.Objects;
import org.springframework.security.core.session.SessionInformation;
import org.springframework.security.core.session.SessionRegistry;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.stereotype.Component;

/**
 * Ends the web sessions of a local account through Spring Security's {@link SessionRegistry}: the next request of
 * an expired session is signed out. The registry is per replica (sessions are not shared between replicas either).
 */
@Component
class AccountSessions {

    private final SessionRegistry registry;

    AccountSessions(SessionRegistry registry) {
        this.registry = registry;
    }

    /** Ends every session of {@code username}. */
    void endAll(String username) {
        endAllExcept(username, null);
    }

    /** Ends every session of {@code username} but {@code keepSessionId} (the one that asked, e.g. to change a password). */
    void endAllExcept(String username, String keepSessionId) {
        for (Object principal : registry.getAllPrincipals()) {
            if (principal instanceof UserDetails user && user.getUsername().equalsIgnoreCase(username)) {
                for (SessionInformation session : registry.getAllSessions(principal, false)) {
                    if (!Objects.equals(session.getSessionId(), keepSessionId)) {
                        session.expireNow();
                    }
                }
            }
        }
    }
}
