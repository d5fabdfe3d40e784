package dev.mcpgateway.gateway.identity;

import dev.mcpgateway.gateway.config.GatewayProperties;
import dev.mcpgateway.gateway.directory.TenantDirectory;
import dev.mcpgateway.policy.KeyHashes;
import java.security.MessageDigest;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * The client keys callers present as {@code Authorization: Bearer <key>}: those listed in
 * {@code mcpgateway.security.client-keys} (named {@code config-key-<n>}) and the active ones in {@code gateway_client},
 * which the {@link TenantDirectory} holds as {@link KeyHashes} (SHA-256 hex). Presented keys are hashed and compared as hashes, in
 * constant time for the configured ones; keys themselves are never kept beyond that, nor logged. Uses of stored keys
 * are reported to {@link ClientKeyUsage}.
 */
@Component
public class ClientKeys {

    private static final Logger log = LoggerFactory.getLogger(ClientKeys.class);

    /** Shorter keys are accepted but warned about: they can be guessed. */
    private static final int RECOMMENDED_MIN_LENGTH = 24;
    /** Longer values are not keys anybody issued; refusing them early keeps hashing cheap. */
    private static final int MAX_LENGTH = 1024;

    private final byte[][] configuredHashes;
    private final String[] configuredNames;
    private final TenantDirectory directory;
    private final ClientKeyUsage usage;

    public ClientKeys(GatewayProperties properties, TenantDirectory directory, ClientKeyUsage usage) {
        List<String> keys = properties.security().clientKeys();
        this.configuredHashes = new byte[keys.size()][];
        this.configuredNames = new String[keys.size()];
        for (int i = 0; i < keys.size(); i++) {
            configuredHashes[i] = KeyHashes.sha256(keys.get(i));
            configuredNames[i] = "config-key-" + (i + 1);
            if (keys.get(i).length() < RECOMMENDED_MIN_LENGTH) {
                log.warn("Client key {} from mcpgateway.security.client-keys is shorter than {} characters; use a long random value",
                        configuredNames[i], RECOMMENDED_MIN_LENGTH);
            }
        }
        this.directory = directory;
        this.usage = usage;
    }

    /** Whether any key is configured or stored; when none is, the gateway does not ask callers for one. */
    public boolean anyKeyExists() {
        return configuredHashes.length > 0 || !directory.current().clientKeys().isEmpty();
    }

    /** The name of the client {@code presentedKey} belongs to, or {@code null} when it is no valid key. */
    public String clientFor(String presentedKey) {
        if (presentedKey == null || presentedKey.isEmpty() || presentedKey.length() > MAX_LENGTH) {
            return null;
        }
        byte[] presented = KeyHashes.sha256(presentedKey);
        String match = null;
        for (int i = 0; i < configuredHashes.length; i++) {
            // No early exit: every configured key costs the same comparison whether or not an earlier one matched.
            if (MessageDigest.isEqual(presented, configuredHashes[i]) && match == null) {
                match = configuredNames[i];
            }
        }
        if (match != null) {
            return match;
        }
        String presentedHex = KeyHashes.hex(presented);
        String stored = directory.current().clientKeys().get(presentedHex);
        if (stored != null) {
            usage.used(presentedHex);
        }
        return stored;
    }
}
