package dev.mcpgateway.gateway.openapi;

import dev.mcpgateway.gateway.config.GatewayProperties;
import dev.mcpgateway.gateway.directory.BackendType;
import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.gateway.error.GatewayProblem;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.buffer.DataBufferLimitException;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;
import reactor.core.publisher.Mono;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Each tenant backend's spec, fetched through the {@link TenantSpecSource} of its backend type and kept for
 * {@code mcpgateway.openapi.cache-ttl}. Concurrent requests share one fetch; a failure is remembered for a few
 * seconds so a down backend costs one timeout, not one per request. Failures become problems (502/503) naming
 * the tenant, are logged at WARN and counted in {@code mcpgateway.openapi.fetch.failures}.
 */
@Component
public class TenantSpecCache {

    private static final Logger log = LoggerFactory.getLogger(TenantSpecCache.class);
    private static final Duration MAX_FAILURE_TTL = Duration.ofSeconds(5);

    private final Map<BackendType, TenantSpecSource> sources = new EnumMap<>(BackendType.class);
    private final Duration cacheTtl;
    private final Duration failureTtl;
    private final Duration fetchTimeout;
    private final MeterRegistry meters;
    private final Map<String, CachedSpec> specs = new ConcurrentHashMap<>();

    TenantSpecCache(List<TenantSpecSource> sources, GatewayProperties properties, MeterRegistry meters) {
        for (TenantSpecSource source : sources) {
            TenantSpecSource previous = this.sources.put(source.backendType(), source);
            if (previous != null) {
                throw new IllegalStateException("two spec sources for backend type " + source.backendType().value());
            }
        }
        this.cacheTtl = properties.openapi().cacheTtl();
        this.failureTtl = cacheTtl.compareTo(MAX_FAILURE_TTL) < 0 ? cacheTtl : MAX_FAILURE_TTL;
        this.fetchTimeout = properties.openapi().fetchTimeout();
        this.meters = meters;
    }

    /** The backend's spec for {@code tenant} (shared, never modify it), or a {@link GatewayProblem} error. */
    public Mono<JsonNode> backendSpec(Tenant tenant) {
        CachedSpec cached = specs.compute(tenant.id(),
                (id, existing) -> existing != null && existing.isFor(tenant) ? existing : new CachedSpec(tenant, fetch(tenant)));
        return cached.spec;
    }

    /**
     * The tools (first path segments) of the last spec fetched for {@code tenantId}; empty when none was fetched.
     * Never waits: metrics use it on the request path.
     */
    public Set<String> knownTools(String tenantId) {
        CachedSpec cached = specs.get(tenantId);
        return cached == null ? Set.of() : cached.tools;
    }

    /** Fetches the spec in the background when none is cached yet, so that later calls know the tenant's tools. */
    public void prefetch(Tenant tenant) {
        if (!specs.containsKey(tenant.id())) {
            backendSpec(tenant).subscribe(spec -> { }, error -> { });
        }
    }

    /** Drops the cached spec of {@code tenantId}, e.g. when its backend reports changed tools; the next request fetches anew. */
    public void invalidate(String tenantId) {
        specs.remove(tenantId);
    }

    /** Drops cached specs of tenants that are gone. */
    public void retainOnly(Set<String> tenantIds) {
        specs.keySet().retainAll(tenantIds);
    }

    private Mono<JsonNode> fetch(Tenant tenant) {
        TenantSpecSource source = sources.get(tenant.backendType());
        if (source == null) {
            return Mono.error(GatewayProblem.unavailable(tenant.id(),
                    "tool specs for " + tenant.backendType().value() + " backends are not available in this gateway"));
        }
        return Mono.defer(() -> source.fetchSpec(tenant))
                .timeout(fetchTimeout)
                .switchIfEmpty(Mono.error(() -> new IllegalStateException("empty spec")))
                .map(spec -> requireOpenApi(tenant, spec))
                .doOnNext(spec -> remember(tenant.id(), spec))
                .doOnError(error -> recordFailure(tenant, error))
                .onErrorMap(error -> asProblem(tenant, error))
                .cache(spec -> cacheTtl, error -> failureTtl, () -> Duration.ZERO);
    }

    private void remember(String tenantId, JsonNode spec) {
        CachedSpec cached = specs.get(tenantId);
        if (cached != null) {
            cached.tools = SpecPaths.toolsOf(spec);
        }
    }

    private static JsonNode requireOpenApi(Tenant tenant, JsonNode spec) {
        if (spec == null || !spec.isObject() || !spec.path("paths").isObject()) {
            throw GatewayProblem.badGateway(tenant.id(), "the tenant's tool server did not return an OpenAPI document");
        }
        return spec;
    }

    private static Throwable asProblem(Tenant tenant, Throwable error) {
        if (error instanceof GatewayProblem) {
            return error;
        }
        if (error instanceof TimeoutException) {
            return GatewayProblem.unavailable(tenant.id(), "the tenant's tool server did not send its tool list in time");
        }
        if (error instanceof WebClientRequestException) {
            return GatewayProblem.unavailable(tenant.id(), "the tenant's tool server is unreachable");
        }
        if (error instanceof WebClientResponseException response) {
            return GatewayProblem.badGateway(tenant.id(),
                    "the tenant's tool server answered " + response.getStatusCode().value() + " for its tool list");
        }
        if (error instanceof DataBufferLimitException) {
            return GatewayProblem.badGateway(tenant.id(), "the tenant's tool list is too large");
        }
        if (error instanceof JacksonException) {
            return GatewayProblem.badGateway(tenant.id(), "the tenant's tool server did not return valid JSON");
        }
        return GatewayProblem.badGateway(tenant.id(), "the tenant's tool list could not be read");
    }

    /** Logs the tool server's address and the cause; the caller's problem body names neither (see asProblem). */
    private void recordFailure(Tenant tenant, Throwable error) {
        log.warn("Tool spec of tenant {} unavailable from {}: {}", tenant.id(), withoutUserInfo(tenant.backendUrl()),
                SpecFetchFailures.describe(error));
        meters.counter("mcpgateway.openapi.fetch.failures", "tenant", tenant.id()).increment();
    }

    /** The URL without user info or query, either of which may hold a credential. */
    private static String withoutUserInfo(URI url) {
        return url.getScheme() + "://" + url.getHost() + (url.getPort() == -1 ? "" : ":" + url.getPort())
                + (url.getRawPath() == null ? "" : url.getRawPath());
    }

    /** One tenant's cached fetch; replaced when the tenant's backend changes. */
    private static final class CachedSpec {

        final URI backendUrl;
        final BackendType backendType;
        final Mono<JsonNode> spec;
        volatile Set<String> tools = Set.of();

        CachedSpec(Tenant tenant, Mono<JsonNode> spec) {
            this.backendUrl = tenant.backendUrl();
            this.backendType = tenant.backendType();
            this.spec = spec;
        }

        boolean isFor(Tenant tenant) {
            return backendUrl.equals(tenant.backendUrl()) && backendType == tenant.backendType();
        }
    }
}
