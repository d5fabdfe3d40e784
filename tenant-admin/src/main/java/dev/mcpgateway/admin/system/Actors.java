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

    /** The authority of people signed in with a local account (form login or HTTP Basic). */
    public static final String LOCAL_ACCOUNT = "ROLE_LOCAL_ACCOUNT";

    private final JdbcClient jdbc;
    private final AdminProperties properties;

    Actors(JdbcClient jdbc, AdminProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /**
     * The current request's actor; fails when nobody is signed in (the security filters prevent that) or when the
     * session's local account was deleted or disabled meanwhile (by another replica, whose session registry this
     * one does not see).
     */
    public Actor current() {
        Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
        if (authentication == null || !authentication.isAuthenticated()) {
            throw new InsufficientAuthenticationException("not signed in");
        }
        String name = nameOf(authentication);
        if (isLocalAccount(authentication) && !activeAccount(name)) {
            throw new InsufficientAuthenticationException("the account was deleted or disabled");
        }
        return resolve(name);
    }

    private static boolean isLocalAccount(Authentication authentication) {
        return authentication.getAuthorities().stream().anyMatch(a -> LOCAL_ACCOUNT.equals(a.getAuthority()));
    }

    private boolean activeAccount(String name) {
        return jdbc.sql("SELECT count(*) FROM admin_account WHERE lower(username) = lower(?) AND enabled")
                .param(name).query(Long.class).single() > 0;
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
