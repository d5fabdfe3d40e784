package dev.mcpgateway.gateway.identity;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Keeps {@code gateway_client.last_used_at} current, which tenant-admin shows beside each client key. The request
 * path only notes the key's hash in memory; every {@code mcpgateway.security.last-used-interval} (and on shutdown)
 * one statement stamps all keys used since. The schema's change trigger ignores {@code last_used_at}, so this never
 * causes a directory reload. A failed write keeps the hashes for the next attempt.
 */
@Component
public class ClientKeyUsage implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(ClientKeyUsage.class);
    private static final String STAMP =
            "UPDATE gateway_client SET last_used_at = now() WHERE key_hash = ANY (?) AND revoked_at IS NULL";

    private final Set<String> usedKeyHashes = ConcurrentHashMap.newKeySet();
    private final JdbcTemplate jdbc;

    public ClientKeyUsage(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** Notes that the stored key with SHA-256 hex {@code keyHash} was used; cheap and never blocks on the database. */
    void used(String keyHash) {
        if (!usedKeyHashes.contains(keyHash)) {
            usedKeyHashes.add(keyHash);
        }
    }

    /** Stamps every key used since the last write; returns how many rows were stamped. */
    @Scheduled(fixedDelayString = "${mcpgateway.security.last-used-interval:60s}",
            initialDelayString = "${mcpgateway.security.last-used-interval:60s}")
    public int write() {
        if (usedKeyHashes.isEmpty()) {
            return 0;
        }
        List<String> hashes = new ArrayList<>(usedKeyHashes);
        usedKeyHashes.removeAll(hashes);
        try {
            return jdbc.update(connection -> {
                var statement = connection.prepareStatement(STAMP);
                statement.setArray(1, connection.createArrayOf("text", hashes.toArray()));
                return statement;
            });
        } catch (DataAccessException e) {
            usedKeyHashes.addAll(hashes);
            log.warn("Could not record the last use of {} client key(s): {}", hashes.size(), e.getMostSpecificCause().getMessage());
            return 0;
        }
    }

    @Override
    public void destroy() {
        write();
    }
}
