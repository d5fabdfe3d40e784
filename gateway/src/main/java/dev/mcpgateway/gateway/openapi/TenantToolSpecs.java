package dev.mcpgateway.gateway.openapi;

import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.gateway.directory.TenantDirectory;
import dev.mcpgateway.gateway.error.GatewayProblem;
import dev.mcpgateway.policy.TenantIds;
import java.util.Collection;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/** Tenants' specs as the gateway serves them: the cached backend spec, rewritten against the tenant's current rules. */
@Component
public class TenantToolSpecs {

    private static final int CONCURRENT_FETCHES = 16;

    private final TenantDirectory directory;
    private final TenantSpecCache cache;
    private final TenantSpecRewriter rewriter;

    TenantToolSpecs(TenantDirectory directory, TenantSpecCache cache, TenantSpecRewriter rewriter) {
        this.directory = directory;
        this.cache = cache;
        this.rewriter = rewriter;
    }

    /** The spec of the enabled tenant {@code tenantId}; a 404 problem when there is none, 502/503 when its backend fails. */
    public Mono<TenantToolSpec> forTenant(String tenantId) {
        if (!TenantIds.isValid(tenantId)) {
            return Mono.error(GatewayProblem.notFound(null, "no such tenant"));
        }
        return directory.current().tenant(tenantId)
                .filter(Tenant::enabled)
                .map(this::forTenant)
                .orElseGet(() -> Mono.error(GatewayProblem.notFound(tenantId, "tenant '" + tenantId + "' does not exist or is disabled")));
    }

    public Mono<TenantToolSpec> forTenant(Tenant tenant) {
        return cache.backendSpec(tenant).map(spec -> rewriter.rewrite(tenant, spec));
    }

    /** The specs of {@code tenants}, in the given order; a tenant whose backend fails is left out (and logged by the cache). */
    public Flux<TenantToolSpec> forTenants(Collection<Tenant> tenants) {
        return Flux.fromIterable(tenants)
                .flatMapSequential(tenant -> forTenant(tenant).onErrorResume(GatewayProblem.class, failed -> Mono.empty()),
                        CONCURRENT_FETCHES);
    }
}
