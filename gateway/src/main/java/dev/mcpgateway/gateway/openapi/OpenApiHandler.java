package dev.mcpgateway.gateway.openapi;

import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.gateway.directory.TenantDirectory;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Mono;

/**
 * Serves {@code GET /tools/<tenant>/openapi.json} (one Open WebUI connection per tenant) and {@code GET /openapi.json}
 * (all enabled tenants in one). Both are fetched by Open WebUI without a user, so they list every tool a rule does
 * not deny; each call is still checked against the caller's membership.
 */
final class OpenApiHandler {

    private final TenantDirectory directory;
    private final TenantToolSpecs specs;
    private final TenantSpecCache cache;
    private final AggregatedSpecBuilder aggregator;

    OpenApiHandler(TenantDirectory directory, TenantToolSpecs specs, TenantSpecCache cache, AggregatedSpecBuilder aggregator) {
        this.directory = directory;
        this.specs = specs;
        this.cache = cache;
        this.aggregator = aggregator;
    }

    Mono<ServerResponse> tenantSpec(ServerRequest request) {
        return specs.forTenant(request.pathVariable("tenant"))
                .flatMap(spec -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(spec.spec()));
    }

    Mono<ServerResponse> aggregatedSpec(ServerRequest request) {
        List<Tenant> enabled = directory.current().allTenants().stream()
                .filter(Tenant::enabled)
                .sorted(Comparator.comparing(Tenant::id))
                .toList();
        Set<String> ids = directory.current().allTenants().stream().map(Tenant::id).collect(Collectors.toSet());
        cache.retainOnly(ids);
        return specs.forTenants(enabled)
                .collectList()
                .map(aggregator::build)
                .flatMap(spec -> ServerResponse.ok().contentType(MediaType.APPLICATION_JSON).bodyValue(spec));
    }
}
