package dev.mcpgateway.admin.client;

import java.util.List;
import java.util.Optional;
import org.springframework.data.jdbc.repository.query.Modifying;
import org.springframework.data.jdbc.repository.query.Query;
import org.springframework.data.repository.Repository;

/**
 * Reads and writes {@code gateway_client} (a Spring Data JDBC repository); the schema's trigger tells the gateway
 * about new and revoked keys. Only the key's hash is ever written, and never read back.
 */
interface GatewayClientRepository extends Repository<GatewayClient, Long> {

    @Query("SELECT id, name, key_prefix, created_at, last_used_at, revoked_at FROM gateway_client"
            + " ORDER BY revoked_at NULLS FIRST, lower(name)")
    List<GatewayClient> list();

    Optional<GatewayClient> findById(long id);

    boolean existsByName(String name);

    @Query("INSERT INTO gateway_client (name, key_hash, key_prefix) VALUES (:name, :keyHash, :keyPrefix) RETURNING id")
    long insert(String name, String keyHash, String keyPrefix);

    @Modifying
    @Query("UPDATE gateway_client SET revoked_at = now() WHERE id = :id AND revoked_at IS NULL")
    boolean revoke(long id);
}
