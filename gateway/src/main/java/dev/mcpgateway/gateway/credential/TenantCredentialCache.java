package dev.mcpgateway.gateway.credential;

import dev.mcpgateway.gateway.config.GatewayProperties;
import dev.mcpgateway.gateway.error.GatewayProblem;
import dev.mcpgateway.policy.TenantIds;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.vault.VaultException;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Tenant credentials kept in memory so calls never wait on Vault. An entry is used for {@code cache-ttl}; after that
 * the next call is still answered from memory while a refresh runs in the background. When Vault cannot be read, a
 * cached entry keeps serving for {@code grace-period} past its TTL; a tenant with nothing cached gets a 503.
 * {@link #headersFor(String)} is the one way other code (the filter, MCP calls) gets a tenant's headers.
 */
@Component
public class TenantCredentialCache {

    /** After a failed read, the next attempt for that tenant waits at least this long (or the TTL, if shorter). */
    static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(5);

    private static final Logger log = LoggerFactory.getLogger(TenantCredentialCache.class);

    private final VaultCredentialSource source;
    private final Duration ttl;
    private final Duration gracePeriod;
    private final Duration fetchTimeout;
    private final Duration retryAfterFailure;
    private final Clock clock;
    private final Map<String, CachedHeaders> entries = new ConcurrentHashMap<>();
    private final Map<String, Sinks.One<TenantHeaders>> loading = new ConcurrentHashMap<>();
    private final Map<String, Failure> failures = new ConcurrentHashMap<>();
    private final Counter hits;
    private final Counter staleHits;
    private final Counter graceHits;
    private final Counter misses;
    private final Counter readSuccesses;
    private final Counter readFailures;

    @Autowired
    public TenantCredentialCache(VaultCredentialSource source, GatewayProperties properties, MeterRegistry registry) {
        this(source, properties.vault(), registry, Clock.systemUTC());
    }

    TenantCredentialCache(VaultCredentialSource source, GatewayProperties.Vault properties, MeterRegistry registry,
                          Clock clock) {
        this.source = source;
        this.ttl = properties.cacheTtl();
        this.gracePeriod = properties.gracePeriod();
        this.fetchTimeout = properties.fetchTimeout();
        this.retryAfterFailure = ttl.compareTo(RETRY_AFTER_FAILURE) < 0 ? ttl : RETRY_AFTER_FAILURE;
        this.clock = clock;
        // One counter, as dashboards and alerts expect: how lookups were answered, and how reads from Vault went.
        String name = "mcpgateway.vault.cache";
        String help = "Tenant credential lookups (hit, stale, grace, miss) and Vault reads (refresh, failure)";
        this.hits = Counter.builder(name).tag("result", "hit").description(help).register(registry);
        this.staleHits = Counter.builder(name).tag("result", "stale").description(help).register(registry);
        this.graceHits = Counter.builder(name).tag("result", "grace").description(help).register(registry);
        this.misses = Counter.builder(name).tag("result", "miss").description(help).register(registry);
        this.readSuccesses = Counter.builder(name).tag("result", "refresh").description(help).register(registry);
        this.readFailures = Counter.builder(name).tag("result", "failure").description(help).register(registry);
        Gauge.builder("mcpgateway.vault.cache.entries", entries, Map::size)
                .description("Tenants whose credentials are held in memory").register(registry);
    }

    /**
     * The tenant's headers: at once from memory when cached (refreshing in the background when stale), otherwise read
     * from Vault. Fails with a 503 {@link GatewayProblem} when Vault cannot be read and nothing usable is cached.
     */
    public Mono<TenantHeaders> headersFor(String tenantId) {
        if (!TenantIds.isValid(tenantId)) {
            return Mono.error(GatewayProblem.notFound(null, "no such tenant"));
        }
        Instant now = clock.instant();
        CachedHeaders cached = entries.get(tenantId);
        if (cached != null && now.isBefore(cached.expiresAt())) {
            if (now.isBefore(cached.staleAt())) {
                hits.increment();
            } else {
                (failures.containsKey(tenantId) ? graceHits : staleHits).increment();
                refreshInBackground(tenantId, now);
            }
            return Mono.just(cached.headers());
        }
        misses.increment();
        return Mono.defer(() -> load(tenantId))
                .timeout(fetchTimeout)
                .onErrorMap(error -> !(error instanceof GatewayProblem), error -> GatewayProblem.unavailable(tenantId,
                        "credentials for tenant '" + tenantId + "' are unavailable; try again shortly"));
    }

    /** Drops entries past their grace period, so secrets of tenants nobody calls do not stay in memory. */
    @Scheduled(fixedDelayString = "PT1M", initialDelayString = "PT1M")
    void evictExpired() {
        Instant now = clock.instant();
        entries.values().removeIf(entry -> !now.isBefore(entry.expiresAt()));
    }

    private void refreshInBackground(String tenantId, Instant now) {
        Failure failure = failures.get(tenantId);
        if (failure != null && now.isBefore(failure.retryAt())) {
            return;
        }
        // Errors are handled (logged, counted) in load(); this subscription only starts it.
        load(tenantId).subscribe(headers -> { }, error -> { });
    }

    /** One read per tenant at a time, shared by every caller, and independent of any caller cancelling. */
    private Mono<TenantHeaders> load(String tenantId) {
        Sinks.One<TenantHeaders> result = Sinks.one();
        Sinks.One<TenantHeaders> running = loading.putIfAbsent(tenantId, result);
        if (running != null) {
            return running.asMono();
        }
        source.read(tenantId).subscribe(
                headers -> {
                    stored(tenantId, headers);
                    loading.remove(tenantId, result);
                    result.tryEmitValue(headers);
                },
                error -> {
                    failed(tenantId, error);
                    loading.remove(tenantId, result);
                    result.tryEmitError(error);
                });
        return result.asMono();
    }

    private void stored(String tenantId, TenantHeaders headers) {
        Instant now = clock.instant();
        readSuccesses.increment();
        entries.put(tenantId, new CachedHeaders(headers, now.plus(ttl), now.plus(ttl).plus(gracePeriod)));
        Failure recovered = failures.remove(tenantId);
        if (recovered != null) {
            log.info("Credentials for tenant '{}' read from Vault again (failing since {})", tenantId, recovered.since());
        } else {
            log.debug("Credentials for tenant '{}' read from Vault: {}", tenantId, headers);
        }
    }

    private void failed(String tenantId, Throwable error) {
        Instant now = clock.instant();
        readFailures.increment();
        CachedHeaders cached = entries.computeIfPresent(tenantId,
                (id, entry) -> now.isBefore(entry.expiresAt()) ? entry : null);
        // One read per tenant runs at a time (load), so this check and update do not race.
        boolean alreadyFailing = failures.containsKey(tenantId);
        failures.compute(tenantId, (id, previous) ->
                new Failure(previous == null ? now : previous.since(), now.plus(retryAfterFailure)));
        String reason = describe(error);
        if (alreadyFailing) {
            log.debug("Vault still failing for tenant '{}': {}", tenantId, reason);
        } else if (cached != null) {
            log.warn("Could not refresh credentials for tenant '{}' from Vault ({}); serving cached credentials until {}",
                    tenantId, reason, cached.expiresAt());
        } else {
            log.warn("Could not read credentials for tenant '{}' from Vault ({}); its calls get 503 until Vault answers",
                    tenantId, reason);
        }
    }

    /** What went wrong, without anything a response body could have put in an exception message. */
    private static String describe(Throwable error) {
        if (error instanceof VaultException) {
            return error.getMessage();
        }
        Throwable root = NestedExceptionUtils.getMostSpecificCause(error);
        return root instanceof IOException ? root.getClass().getSimpleName() + ": " + root.getMessage()
                : root.getClass().getSimpleName();
    }

    /** A tenant's headers and when they turn stale (refresh) and expire (no longer served even when Vault is down). */
    private record CachedHeaders(TenantHeaders headers, Instant staleAt, Instant expiresAt) {
    }

    /** Vault has failed for a tenant since {@code since}; the next background attempt waits until {@code retryAt}. */
    private record Failure(Instant since, Instant retryAt) {
    }
}
