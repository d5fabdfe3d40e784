package dev.mcpgateway.gateway.config;

import dev.mcpgateway.policy.RateLimits;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Every setting of the gateway, under the prefix {@code mcpgateway}. Documented in docs/configuration.md (checked by
 * ConfigurationDocsTests; rate limits also in docs/limits.md).
 *
 * @param bootstrap  the declarative tenants file applied at startup
 * @param identity   how callers prove who they are
 * @param security   client keys that guard every tool and spec endpoint
 * @param directory  the in-memory copy of tenants, members, rules and client keys
 * @param vault      where tenant credentials live and how long they are cached
 * @param openapi    spec fetching and caching
 * @param audit      the asynchronous audit writer
 * @param mcp        native MCP: the gateway as a client of {@code mcp} tenants' backends, and as an MCP server
 * @param rateLimit  per-person, per-tenant and concurrency limits of tool calls (defaults for tenants that set none)
 * @param limits     bounds on what a tenant's tool server may send back
 * @param publicBaseUrl the gateway's URL as clients reach it (e.g. {@code https://tools.example.com}): the base of the
 *                   resource identifiers in OAuth protected resource metadata; derived from each request when unset
 */
@ConfigurationProperties("mcpgateway")
public record GatewayProperties(
        @DefaultValue Bootstrap bootstrap,
        @DefaultValue Identity identity,
        @DefaultValue Security security,
        @DefaultValue Directory directory,
        @DefaultValue Vault vault,
        @DefaultValue OpenApi openapi,
        @DefaultValue Audit audit,
        @DefaultValue Mcp mcp,
        @DefaultValue RateLimit rateLimit,
        @DefaultValue Limits limits,
        URI publicBaseUrl) {

    /** A base URL that would make OAuth clients reject the metadata (or point them elsewhere) fails startup. */
    public GatewayProperties {
        if (publicBaseUrl != null && (publicBaseUrl.getHost() == null
                || !("https".equals(publicBaseUrl.getScheme()) || "http".equals(publicBaseUrl.getScheme()))
                || publicBaseUrl.getQuery() != null || publicBaseUrl.getFragment() != null)) {
            throw new IllegalArgumentException("mcpgateway.public-base-url must be an absolute http(s) URL without query "
                    + "or fragment, e.g. https://tools.example.com");
        }
    }

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

        /** HS256 needs a key of at least 256 bits; Open WebUI uses the secret's UTF-8 bytes as the key. */
        public static final int MIN_SECRET_BYTES = 32;
        public static final Duration MAX_CLOCK_SKEW = Duration.ofSeconds(30);

        /** Refuses settings that would weaken verification, so a misconfigured gateway fails at startup. */
        public Identity {
            if (openwebuiJwtSecret != null && openwebuiJwtSecret.isBlank()) {
                openwebuiJwtSecret = null;
            }
            if (openwebuiJwtSecret != null
                    && openwebuiJwtSecret.getBytes(StandardCharsets.UTF_8).length < MIN_SECRET_BYTES) {
                throw new IllegalArgumentException("mcpgateway.identity.openwebui-jwt-secret must be at least "
                        + MIN_SECRET_BYTES + " bytes (HS256 needs a 256-bit key); use the same long random value as "
                        + "Open WebUI's FORWARD_USER_INFO_HEADER_JWT_SECRET");
            }
            if (clockSkew == null || clockSkew.isNegative() || clockSkew.compareTo(MAX_CLOCK_SKEW) > 0) {
                throw new IllegalArgumentException("mcpgateway.identity.clock-skew must be between 0s and "
                        + MAX_CLOCK_SKEW.toSeconds() + "s (was " + (clockSkew == null ? "empty" : clockSkew.toMillis() + "ms") + ")");
            }
            if (verifiedTokenCacheSize < 1) {
                throw new IllegalArgumentException("mcpgateway.identity.verified-token-cache-size must be at least 1 (was "
                        + verifiedTokenCacheSize + ")");
            }
        }

        /** Whether signed Open WebUI identity is on. */
        public boolean signedIdentityEnabled() {
            return openwebuiJwtSecret != null;
        }

        /** Keeps the secret out of logs, actuator output and error messages. */
        @Override
        public String toString() {
            return "Identity[openwebuiJwtSecret=" + (openwebuiJwtSecret == null ? "unset" : "****")
                    + ", trustPlainHeaders=" + trustPlainHeaders + ", clockSkew=" + clockSkew
                    + ", verifiedTokenCacheSize=" + verifiedTokenCacheSize + "]";
        }
    }

    /**
     * @param clientKeys client keys accepted besides those in the database ({@code gateway_client}); callers send
     *                   one as {@code Authorization: Bearer <key>}. Blank entries are ignored.
     */
    public record Security(@DefaultValue List<String> clientKeys) {

        public Security {
            clientKeys = clientKeys == null ? List.of()
                    : clientKeys.stream().filter(key -> key != null && !key.isBlank()).map(String::trim).toList();
        }

        /** Keeps the keys out of logs, actuator output and error messages. */
        @Override
        public String toString() {
            return "Security[clientKeys=" + clientKeys.size() + " configured]";
        }
    }

    /**
     * @param reloadInterval   full reload of the directory from Postgres, the safety net behind LISTEN/NOTIFY
     * @param notifyChannel    the Postgres channel the schema's triggers notify
     * @param debounce         how long to gather further notifications before reloading once for all of them
     * @param maxReconnectWait the longest wait between attempts to re-open the LISTEN connection after an outage
     */
    public record Directory(
            @DefaultValue("30s") Duration reloadInterval,
            @DefaultValue("mcpgateway_tenancy") String notifyChannel,
            @DefaultValue("100ms") Duration debounce,
            @DefaultValue("10s") Duration maxReconnectWait) {
    }

    /**
     * @param kvMount      the KV v2 mount holding tenant credentials
     * @param tenantPath   the path under the mount; a tenant's secret is {@code <tenantPath>/<tenant>}
     * @param cacheTtl     how long credentials are used before they are refreshed (off the request path)
     * @param gracePeriod  how long past the TTL cached credentials keep serving while Vault is unreachable
     * @param fetchTimeout how long a request for a tenant with nothing cached waits for Vault before a 503
     */
    public record Vault(
            @DefaultValue("secret") String kvMount,
            @DefaultValue("mcp-gateway/tenants") String tenantPath,
            @DefaultValue("60s") Duration cacheTtl,
            @DefaultValue("15m") Duration gracePeriod,
            @DefaultValue("5s") Duration fetchTimeout) {
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
     * @param batchSize      events written to PostgreSQL at once (one COPY)
     * @param flushInterval  how often buffered events are written
     */
    public record Audit(
            @DefaultValue("10000") int bufferSize,
            @DefaultValue("2000") int batchSize,
            @DefaultValue("1s") Duration flushInterval) {
    }

    /**
     * @param backend    how the gateway talks, as an MCP client, to the Streamable HTTP servers of {@code mcp} tenants
     * @param server     the gateway as an MCP server: {@code /mcp} and {@code /tools/<tenant>/mcp}
     * @param sessionKey base64 AES key (16, 24 or 32 bytes) that encrypts the gateway's {@code Mcp-Session-Id}s; every
     *                   replica must have the same one. Unset: a random key per process (with a WARN), so sessions
     *                   do not survive a restart or move between replicas
     */
    public record Mcp(@DefaultValue Backend backend, @DefaultValue Server server, String sessionKey) {

        /**
         * @param sessionTtl           how long a session id stays valid; clients re-initialize after a 404
         * @param allowedOrigins       browser origins (e.g. {@code https://chat.example.com}) allowed to call the MCP
         *                             endpoints; requests carrying any other {@code Origin} get 403 (DNS rebinding
         *                             protection). Requests without {@code Origin} (servers, CLIs) are not affected
         * @param allowLoopbackOrigins also allow origins on {@code localhost}, {@code 127.0.0.1} and {@code [::1]}
         * @param allowedHosts         when not empty, the only {@code Host} names (without port) the MCP endpoints answer
         * @param listTimeout          how long {@code tools/list} on {@code /mcp} waits for one tenant's tools before
         *                             leaving that tenant out
         * @param maxRequestSize       the largest JSON-RPC request body accepted
         * @param toolsListTtl         the cache hint ({@code ttlMs}) on a 2026-07-28 {@code tools/list} answer: how long
         *                             a client may reuse the caller's tool list before asking again
         */
        public record Server(
                @DefaultValue("12h") Duration sessionTtl,
                @DefaultValue List<String> allowedOrigins,
                @DefaultValue("true") boolean allowLoopbackOrigins,
                @DefaultValue List<String> allowedHosts,
                @DefaultValue("5s") Duration listTimeout,
                @DefaultValue("4MB") DataSize maxRequestSize,
                @DefaultValue("60s") Duration toolsListTtl) {
        }

        /**
         * @param toolsTtl         how long a backend's {@code tools/list} is reused; a
         *                         {@code notifications/tools/list_changed} from the backend refreshes it sooner
         * @param unavailableTtl   how long a failed {@code tools/list} is remembered, so a backend that is down is not
         *                         asked again on every request (it drops out of tool lists meanwhile)
         * @param connectTimeout   TCP connect timeout to a backend
         * @param requestTimeout   how long {@code initialize}, {@code tools/list} and other short requests may take
         * @param callTimeout      how long a {@code tools/call} may take
         * @param protocolVersion  the MCP revision the gateway asks for in {@code initialize}; the backend may answer
         *                         with 2024-11-05, 2025-03-26, 2025-06-18 or 2025-11-25
         * @param listenForChanges open the backend's GET SSE stream (when it offers one) to hear {@code list_changed}
         * @param reconnectDelay   wait before reopening a notification stream the backend closed
         */
        public record Backend(
                @DefaultValue("5m") Duration toolsTtl,
                @DefaultValue("10s") Duration unavailableTtl,
                @DefaultValue("5s") Duration connectTimeout,
                @DefaultValue("15s") Duration requestTimeout,
                @DefaultValue("60s") Duration callTimeout,
                @DefaultValue("2025-06-18") String protocolVersion,
                @DefaultValue("true") boolean listenForChanges,
                @DefaultValue("2s") Duration reconnectDelay) {
        }
    }

    /**
     * Tool-call limits for tenants that set none of their own (a tenant's {@code rateLimit} block wins part by part).
     * 0 means unlimited; all defaults are 0, so the jar alone limits nothing. See {@code docs/limits.md}.
     *
     * @param perUser            one token bucket per (tenant, person): one tool call takes one token
     * @param tenant             one token bucket per tenant for all its members together (protects the tool server)
     * @param maxConcurrentCalls calls in flight to one tenant's tool server from this replica; beyond it 503 at once
     * @param store              where buckets live: {@code memory} (this process; one replica) or {@code redis}
     *                           (shared by every replica, {@code spring.data.redis.*})
     * @param failClosed         when the Redis store cannot be asked: refuse calls (503) instead of letting them through
     * @param storeTimeout       how long one Redis check may take before it counts as a store error
     */
    public record RateLimit(
            @DefaultValue Bucket perUser,
            @DefaultValue Bucket tenant,
            @DefaultValue("0") int maxConcurrentCalls,
            @DefaultValue("memory") Store store,
            @DefaultValue("false") boolean failClosed,
            @DefaultValue("500ms") Duration storeTimeout) {

        public RateLimit {
            if (maxConcurrentCalls < 0 || maxConcurrentCalls > RateLimits.MAX_CONCURRENT_CALLS) {
                throw new IllegalArgumentException("mcpgateway.rate-limit.max-concurrent-calls must be between 0 "
                        + "(unlimited) and " + RateLimits.MAX_CONCURRENT_CALLS + " (was "
                        + maxConcurrentCalls + ")");
            }
            if (storeTimeout == null || storeTimeout.isNegative() || storeTimeout.isZero()) {
                throw new IllegalArgumentException("mcpgateway.rate-limit.store-timeout must be positive");
            }
        }

        /** Where token buckets are kept. */
        public enum Store {
            /** In this process: exact for one replica, multiplied by the replica count otherwise. */
            MEMORY,
            /** In Redis, shared by every replica (SCG's {@code RedisRateLimiter} script). */
            REDIS
        }

        /**
         * @param requestsPerSecond tokens added per second; 0 = unlimited
         * @param burst             the most tokens the bucket holds (calls allowed at once after a quiet spell); 0 =
         *                          the same as {@code requestsPerSecond}
         */
        public record Bucket(@DefaultValue("0") int requestsPerSecond, @DefaultValue("0") int burst) {

            public Bucket {
                if (requestsPerSecond < 0 || requestsPerSecond > RateLimits.MAX_REQUESTS_PER_SECOND) {
                    throw new IllegalArgumentException("mcpgateway.rate-limit.*.requests-per-second must be between 0 "
                            + "(unlimited) and " + RateLimits.MAX_REQUESTS_PER_SECOND
                            + " (was " + requestsPerSecond + ")");
                }
                if (burst == 0) {
                    burst = requestsPerSecond;
                }
                if (burst < requestsPerSecond || burst > RateLimits.MAX_BURST) {
                    throw new IllegalArgumentException("mcpgateway.rate-limit.*.burst must be at least "
                            + "requests-per-second and at most " + RateLimits.MAX_BURST
                            + " (was " + burst + ")");
                }
            }

            /** As the policy module's bucket, which tenants' own limits use too. */
            public RateLimits.Bucket asPolicyBucket() {
                return new RateLimits.Bucket(requestsPerSecond, burst);
            }
        }
    }

    /**
     * @param maxResponseSize the largest answer a tool server may send to one tool call, on every path (HTTP, the
     *                        mcpo bridge, {@code /mcp}, {@code /tools/<tenant>/mcp}); a tenant's own
     *                        {@code rateLimit.maxResponseBytes} replaces it. {@code 0} = unlimited
     */
    public record Limits(@DefaultValue("16MB") DataSize maxResponseSize) {

        public Limits {
            if (maxResponseSize == null || maxResponseSize.isNegative()) {
                throw new IllegalArgumentException("mcpgateway.limits.max-response-size must be 0 (unlimited) or more (was "
                        + maxResponseSize + ")");
            }
        }
    }
}
