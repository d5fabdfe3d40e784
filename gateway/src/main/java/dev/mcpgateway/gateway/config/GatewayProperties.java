package dev.mcpgateway.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.util.unit.DataSize;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every setting of the gateway, under the prefix {@code mcpgateway}. Documented in the README's configuration table.
 *
 * @param bootstrap  the declarative tenants file applied at startup
 * @param identity   how callers prove who they are
 * @param security   client keys that guard every tool and spec endpoint
 * @param directory  the in-memory copy of tenants, members, rules and client keys
 * @param vault      where tenant credentials live and how long they are cached
 * @param openapi    spec fetching and caching
 * @param audit      the asynchronous audit writer
 */
@ConfigurationProperties("mcpgateway")
public record GatewayProperties(
        @DefaultValue Bootstrap bootstrap,
        @DefaultValue Identity identity,
        @DefaultValue Security security,
        @DefaultValue Directory directory,
        @DefaultValue Vault vault,
        @DefaultValue OpenApi openapi,
        @DefaultValue Audit audit) {

    /** @param file a YAML file of tenants, members and tool rules applied idempotently at startup; none when unset */
    public record Bootstrap(Path file) {
    }

    /**
     * @param openwebuiJwtSecret  the secret Open WebUI signs {@code X-OpenWebUI-User-Jwt} with
     *                            ({@code FORWARD_USER_INFO_HEADER_JWT_SECRET}); signed identity is off when unset
     * @param trustPlainHeaders   accept unsigned {@code X-OpenWebUI-User-*} headers, only from callers with a valid client key
     * @param clockSkew           tolerated clock difference when checking {@code exp} (at most 30 s)
     * @param verifiedTokenCacheSize how many verified tokens to remember, so each is verified once
     */
    public record Identity(
            String openwebuiJwtSecret,
            @DefaultValue("false") boolean trustPlainHeaders,
            @DefaultValue("30s") Duration clockSkew,
            @DefaultValue("10000") int verifiedTokenCacheSize) {
    }

    /** @param clientKeys client keys accepted besides those in the database ({@code gateway_client}) */
    public record Security(@DefaultValue List<String> clientKeys) {
    }

    /**
     * @param reloadInterval full reload of the directory from Postgres, the safety net behind LISTEN/NOTIFY
     * @param notifyChannel  the Postgres channel the schema's triggers notify
     */
    public record Directory(
            @DefaultValue("30s") Duration reloadInterval,
            @DefaultValue("mcpgateway_tenancy") String notifyChannel) {
    }

    /**
     * @param kvMount      the KV v2 mount holding tenant credentials
     * @param tenantPath   the path under the mount; a tenant's secret is {@code <tenantPath>/<tenant>}
     * @param cacheTtl     how long credentials are used before they are refreshed (off the request path)
     * @param gracePeriod  how long past the TTL cached credentials keep serving while Vault is unreachable
     */
    public record Vault(
            @DefaultValue("secret") String kvMount,
            @DefaultValue("mcp-gateway/tenants") String tenantPath,
            @DefaultValue("60s") Duration cacheTtl,
            @DefaultValue("15m") Duration gracePeriod) {
    }

    /**
     * @param cacheTtl      how long a backend's spec is reused
     * @param fetchTimeout  how long to wait for a backend's spec
     * @param maxSpecSize   the largest spec accepted from a backend
     */
    public record OpenApi(
            @DefaultValue("30s") Duration cacheTtl,
            @DefaultValue("5s") Duration fetchTimeout,
            @DefaultValue("8MB") DataSize maxSpecSize) {
    }

    /**
     * @param bufferSize     events held in memory before new ones are dropped (and counted)
     * @param batchSize      events written per insert
     * @param flushInterval  how often buffered events are written
     */
    public record Audit(
            @DefaultValue("10000") int bufferSize,
            @DefaultValue("500") int batchSize,
            @DefaultValue("1s") Duration flushInterval) {
    }
}
