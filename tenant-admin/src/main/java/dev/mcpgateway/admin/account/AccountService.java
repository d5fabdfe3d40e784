package dev.mcpgateway.admin.account;

import dev.mcpgateway.admin.audit.AdminAudit;
import dev.mcpgateway.admin.system.Actor;
import dev.mcpgateway.admin.system.ConflictException;
import dev.mcpgateway.admin.system.InvalidInputException;
import dev.mcpgateway.admin.system.NotFoundException;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Local accounts: created by platform admins (and once from properties), passwords hashed before storing. */
@Service
public class AccountService {

    static final Pattern USERNAME = Pattern.compile("^[A-Za-z0-9._@+-]{1,320}$");
    static final int MIN_PASSWORD = 12;
    static final int MAX_PASSWORD = 72;

    private final AccountRepository accounts;
    private final PasswordEncoder passwords;
    private final AdminAudit audit;
    private final ApiTokenService tokens;
    private final AccountSessions sessions;

    AccountService(AccountRepository accounts, PasswordEncoder passwords, AdminAudit audit, ApiTokenService tokens,
            AccountSessions sessions) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.audit = audit;
        this.tokens = tokens;
        this.sessions = sessions;
    }

    @Transactional(readOnly = true)
    public List<Account> list(Actor actor) {
        actor.requirePlatformAdmin();
        return accounts.list();
    }

    @Transactional
    public void create(Actor actor, String username, String password, boolean platformAdmin) {
        actor.requirePlatformAdmin();
        String name = username == null ? "" : username.trim().toLowerCase(Locale.ROOT);
        if (!USERNAME.matcher(name).matches()) {
            throw new InvalidInputException("username", "Use letters, digits and . _ @ + - (an email for tenant admins)");
        }
        checkPassword(password);
        if (accounts.exists(name)) {
            throw new ConflictException("username", "An account named '" + name + "' already exists");
        }
        accounts.insert(name, passwords.encode(password), platformAdmin);
        audit.record(actor, "account.create", null, name + (platformAdmin ? " (platform admin)" : ""));
    }

    /** Creates the bootstrap account if it is missing; an existing account keeps the password it has. */
    @Transactional
    public boolean createIfMissing(Actor system, String username, String password) {
        if (accounts.exists(username)) {
            return false;
        }
        checkPassword(password);
        accounts.insert(username, passwords.encode(password), true);
        audit.record(system, "account.bootstrap", null, username + " (platform admin)");
        return true;
    }

    /** True when the actor signs in with a local account (and so has a password to change). */
    @Transactional(readOnly = true)
    public boolean isLocalAccount(Actor actor) {
        return accounts.exists(actor.name());
    }

    /**
     * Changes the actor's own password after checking the current one, and ends the account's other sessions
     * ({@code currentSessionId} stays signed in; {@code null} when the change does not come from a session).
     */
    @Transactional
    public void changeOwnPassword(Actor actor, String currentPassword, String newPassword, String currentSessionId) {
        AccountRepository.Credentials credentials = accounts.credentials(actor.name())
                .orElseThrow(() -> new NotFoundException("You do not sign in with a local account"));
        if (currentPassword == null || !passwords.matches(currentPassword, credentials.passwordHash())) {
            throw new InvalidInputException("currentPassword", "That is not your current password");
        }
        checkPassword(newPassword);
        accounts.updatePassword(actor.name(), passwords.encode(newPassword));
        audit.record(actor, "account.password", null, actor.name());
        sessions.endAllExcept(actor.name(), currentSessionId);
    }

    /** Deletes an account, revokes its API tokens and ends its sessions at once. */
    @Transactional
    public void delete(Actor actor, String username) {
        actor.requirePlatformAdmin();
        if (actor.name().equalsIgnoreCase(username)) {
            throw new ConflictException("username", "You cannot delete the account you are signed in with");
        }
        int revoked = tokens.revokeAllOf(username);
        if (!accounts.delete(username)) {
            throw new NotFoundException("No account '" + username + "'");
        }
        audit.record(actor, "account.delete", null, username + revokedNote(revoked));
        sessions.endAll(username);
    }

    /**
     * Disables or re-enables an account. Disabling refuses its sign-ins, revokes its API tokens and ends its
     * sessions at once; enabling gives back sign-in only (tokens stay revoked).
     */
    @Transactional
    public void setEnabled(Actor actor, String username, boolean enabled) {
        actor.requirePlatformAdmin();
        if (actor.name().equalsIgnoreCase(username)) {
            throw new ConflictException("username", "You cannot disable the account you are signed in with");
        }
        int revoked = enabled ? 0 : tokens.revokeAllOf(username);
        if (!accounts.setEnabled(username, enabled)) {
            throw new NotFoundException("No account '" + username + "'");
        }
        audit.record(actor, enabled ? "account.enable" : "account.disable", null, username + revokedNote(revoked));
        if (!enabled) {
            sessions.endAll(username);
        }
    }

    private static String revokedNote(int revoked) {
        return revoked == 0 ? "" : " (" + revoked + " API token(s) revoked)";
    }

    @Transactional
    public void recordLogin(String username) {
        accounts.recordLogin(username);
    }

    private static void checkPassword(String password) {
        if (password == null || password.length() < MIN_PASSWORD || password.length() > MAX_PASSWORD) {
            throw new InvalidInputException("password",
                    "Use a password of " + MIN_PASSWORD + " to " + MAX_PASSWORD + " characters");
        }
    }
}
