package dev.mcpgateway.admin.client;

import dev.mcpgateway.admin.audit.AdminAudit;
import dev.mcpgateway.admin.system.Actor;
import dev.mcpgateway.admin.system.ConflictException;
import dev.mcpgateway.admin.system.InvalidInputException;
import dev.mcpgateway.admin.system.NotFoundException;
import dev.mcpgateway.admin.system.SecretTokens;
import dev.mcpgateway.policy.KeyHashes;
import java.util.List;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Gateway client keys (platform admins only): 32 random bytes, base64url, returned once; the database keeps the
 * SHA-256 hex digest the gateway compares presented keys against, and the first 8 characters for recognition.
 */
@Service
public class GatewayClientService {

    /** A key and the row it belongs to; the key exists only in this response. */
    public record CreatedKey(GatewayClient client, String key) {
        @Override
        public String toString() {
            return "CreatedKey[client=" + client + ", key=<hidden>]";
        }
    }

    private final GatewayClientRepository clients;
    private final AdminAudit audit;

    GatewayClientService(GatewayClientRepository clients, AdminAudit audit) {
        this.clients = clients;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public List<GatewayClient> list(Actor actor) {
        actor.requirePlatformAdmin();
        return clients.list();
    }

    @Transactional
    public CreatedKey create(Actor actor, String name) {
        actor.requirePlatformAdmin();
        String trimmed = name == null ? "" : name.trim();
        if (trimmed.isEmpty() || trimmed.length() > 100) {
            throw new InvalidInputException("name", "Enter a name of 1 to 100 characters, e.g. open-webui-prod");
        }
        if (clients.existsByName(trimmed)) {
            throw new ConflictException("name", "A client named '" + trimmed + "' already exists");
        }
        String key = SecretTokens.generate("");
        long id = clients.insert(trimmed, KeyHashes.sha256Hex(key), SecretTokens.prefixOf(key));
        audit.record(actor, "client.create", null, trimmed + " (key " + SecretTokens.prefixOf(key) + "…)");
        return new CreatedKey(clients.findById(id).orElseThrow(), key);
    }

    @Transactional
    public void revoke(Actor actor, long id) {
        actor.requirePlatformAdmin();
        GatewayClient client = clients.findById(id).orElseThrow(() -> new NotFoundException("No client key " + id));
        if (clients.revoke(id)) {
            audit.record(actor, "client.revoke", null, client.name() + " (key " + client.keyPrefix() + "…)");
        }
    }
}
