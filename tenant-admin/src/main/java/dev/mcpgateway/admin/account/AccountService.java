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

    AccountService(AccountRepository accounts, PasswordEncoder passwords, AdminAudit audit) {
        this.accounts = accounts;
        this.passwords = passwords;
        this.audit = audit;
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

    /** Changes the actor's own password after checking the current one. */
    @Transactional
    public void changeOwnPassword(Actor actor, String currentPassword, String newPassword) {
        AccountRepository.Credentials credentials = accounts.credentials(actor.name())
                .orElseThrow(() -> new NotFoundException("You do not sign in with a local account"));
        if (currentPassword == null || !passwords.matches(currentPassword, credentials.passwordHash())) {
            throw new InvalidInputException("currentPassword", "That is not your current password");
        }
        checkPassword(newPassword);
        accounts.updatePassword(actor.name(), passwords.encode(newPassword));
        audit.record(actor, "account.password", null, actor.name());
    }

    @Transactional
    public void delete(Actor actor, String username) {
        actor.requirePlatformAdmin();
        if (actor.name().equalsIgnoreCase(username)) {
            throw new ConflictException("username", "You cannot delete the account you are signed in with");
        }
        if (!accounts.delete(username)) {
            throw new NotFoundException("No account '" + username + "'");
        }
        audit.record(actor, "account.delete", null, username);
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
