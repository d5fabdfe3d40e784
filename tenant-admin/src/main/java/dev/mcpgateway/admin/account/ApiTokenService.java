package dev.mcpgateway.admin.account;

import dev.mcpgateway.admin.audit.AdminAudit;
import dev.mcpgateway.admin.system.Actor;
import dev.mcpgateway.admin.system.ConflictException;
import dev.mcpgateway.admin.system.InvalidInputException;
import dev.mcpgateway.admin.system.NotFoundException;
import dev.mcpgateway.admin.system.SecretTokens;
import dev.mcpgateway.policy.KeyHashes;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Personal API tokens: a token acts as the person who created it, with their roles at the time of each call.
 * The token is returned once at creation; only its hash is stored.
 */
@Service
public class ApiTokenService {

    /** Marks our tokens so they are recognisable in configuration and secret scanners. */
    static final String TOKEN_PREFIX = "mta_";

    private final ApiTokenRepository tokens;
    private final AdminAudit audit;

    ApiTokenService(ApiTokenRepository tokens, AdminAudit audit) {
        this.tokens = tokens;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public List<ApiToken> mine(Actor actor) {
        return tokens.byOwner(actor.name());
    }

    /** Every token of everyone (platform admins only). */
    @Transactional(readOnly = true)
    public List<ApiToken> all(Actor actor) {
        actor.requirePlatformAdmin();
        return tokens.all();
    }

    /** Creates a token and returns it; the only time it is ever visible. */
    @Transactional
    public String create(Actor actor, String name) {
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            throw new InvalidInputException("name", "Enter a name of 1 to 100 characters");
        }
        if (tokens.activeNameExists(actor.name(), trimmed)) {
            throw new ConflictException("name", "You already have an active token named '" + trimmed + "'");
        }
        String token = SecretTokens.generate(TOKEN_PREFIX);
        tokens.insert(actor.name(), trimmed, KeyHashes.sha256Hex(token), SecretTokens.prefixOf(token.substring(TOKEN_PREFIX.length())));
        audit.record(actor, "token.create", null, trimmed);
        return token;
    }

    @Transactional
    public void revoke(Actor actor, long id) {
        if (!tokens.revoke(id, actor.name())) {
            throw new NotFoundException("No active token " + id + " of yours");
        }
        audit.record(actor, "token.revoke", null, "token " + id);
    }

    /** Revokes anyone's token (platform admins only). */
    @Transactional
    public void revokeAny(Actor actor, long id) {
        actor.requirePlatformAdmin();
        String owner = tokens.revokeAny(id).orElseThrow(() -> new NotFoundException("No active token " + id));
        audit.record(actor, "token.revoke", null, "token " + id + " of " + owner);
    }

    /** Revokes every token of a local account that is being deleted or disabled; in the caller's transaction. */
    int revokeAllOf(String username) {
        return tokens.revokeAllOf(username);
    }

    /** The owner of an active token, or empty. */
    @Transactional
    public Optional<String> authenticate(String token) {
        if (token == null || !token.startsWith(TOKEN_PREFIX)) {
            return Optional.empty();
        }
        return tokens.useActive(KeyHashes.sha256Hex(token));
    }
}
