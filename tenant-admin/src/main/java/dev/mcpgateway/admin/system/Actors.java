package dev.mcpgateway.admin.system;

import dev.mcpgateway.policy.AccessLevel;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.authentication.InsufficientAuthenticationException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;

/**
 * Resolves the {@link Actor} of the current request from its authentication, whichever way the person signed in
 * (local account, OIDC, API token). Roles are read fresh on every request, so a change applies immediately.
 */
@Component
public class Actors {

    private final JdbcClient jdbc;
    private final AdminProperties properties;

    Actors(JdbcClient jdbc, AdminProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** The current request's actor; fails when nobody is signed in (the security filters prevent that). */
    public Actor current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            throw new InsufficientAuthenticationException("not signed in");
        }
        return resolve(nameOf(authentication));
    }

    /** The actor named {@code name} (an account name or an email). */
    public Actor resolve(String name) {
        boolean platformAdmin = properties.admin().isPlatformAdmin(name) || jdbc.sql(
                "SELECT count(*) FROM admin_account WHERE lower(username) = lower(?) AND platform_admin")
                .param(name).query(Long.class).single() > 0;
        Map<String, AccessLevel> levels = new LinkedHashMap<>();
        jdbc.sql("SELECT tenant_id, access_level FROM tenant_member WHERE lower(email) = lower(?) ORDER BY tenant_id")
                .param(name)
                .query(rs -> {
                    levels.put(rs.getString(1), AccessLevel.of(rs.getString(2)));
                });
        return new Actor(name, platformAdmin, levels);
    }

    /**
     * The identity of an authentication: the verified email claim for OIDC logins (the subject when the
     * provider says the email is unverified or has none), the user name otherwise; lower-case.
     */
    public static String nameOf(Authentication authentication) {
        String name = authentication.getName();
        if (authentication.getPrincipal() instanceof OidcUser oidc) {
            boolean verified = !Boolean.FALSE.equals(oidc.getEmailVerified());
            name = oidc.getEmail() != null && verified ? oidc.getEmail() : "oidc:" + oidc.getSubject();
        }
        return name.trim().toLowerCase(Locale.ROOT);
    }
}
