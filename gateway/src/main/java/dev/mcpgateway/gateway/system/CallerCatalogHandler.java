package dev.mcpgateway.gateway.system;

import dev.mcpgateway.gateway.directory.TenancySnapshot;
import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.gateway.directory.TenantDirectory;
import dev.mcpgateway.gateway.error.GatewayProblem;
import dev.mcpgateway.gateway.identity.CallerIdentity;
import dev.mcpgateway.gateway.membership.ToolRequirements;
import dev.mcpgateway.gateway.openapi.TenantToolSpec;
import dev.mcpgateway.gateway.openapi.TenantToolSpecs;
import dev.mcpgateway.policy.AccessLevel;
import dev.mcpgateway.policy.TenantPolicy;
import dev.mcpgateway.policy.ToolRequirement;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.server.ServerRequest;
import org.springframework.web.reactive.function.server.ServerResponse;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * {@code GET /tenants} and {@code GET /tools} for the verified caller: only the caller's own memberships, and only
 * the tools the caller's level allows in each tenant (the same {@code TenantPolicy.decide} the membership check uses,
 * with tool annotation levels for tenants that derive levels from them).
 */
@Component
class CallerCatalogHandler {

    private final TenantDirectory directory;
    private final TenantToolSpecs specs;
    private final ToolRequirements annotationRequirements;

    CallerCatalogHandler(TenantDirectory directory, TenantToolSpecs specs, ObjectProvider<ToolRequirements> annotationRequirements) {
        this.directory = directory;
        this.specs = specs;
        this.annotationRequirements = annotationRequirements.getIfAvailable();
    }

    Mono<ServerResponse> tenants(ServerRequest request) {
        return callerOf(request).flatMap(caller -> tenantsOf(caller, CallerIdentity.proofOf(request.exchange())));
    }

    Mono<ServerResponse> tools(ServerRequest request) {
        return callerOf(request).flatMap(this::toolsOf);
    }

    private Mono<ServerResponse> tenantsOf(CallerIdentity caller, String proof) {
        TenancySnapshot snapshot = directory.current();
        List<CallerTenants.TenantSummary> tenants = memberTenants(snapshot, caller).stream()
                .map(tenant -> new CallerTenants.TenantSummary(tenant.id(), tenant.displayName(), tenant.enabled()))
                .toList();
        return ServerResponse.ok().bodyValue(new CallerTenants(caller.email(), proof, tenants));
    }

    private Mono<ServerResponse> toolsOf(CallerIdentity caller) {
        TenancySnapshot snapshot = directory.current();
        Map<String, AccessLevel> levels = snapshot.tenantsOf(caller.email());
        List<Tenant> enabled = memberTenants(snapshot, caller).stream().filter(Tenant::enabled).toList();
        return specs.forTenants(enabled)
                .concatMap(spec -> allowedTools(spec, levels.get(spec.tenant().id())))
                .collectList()
                .map(tools -> new CallerTools(caller.email(), enabled.size(), tools.size(), tools))
                .flatMap(body -> ServerResponse.ok().bodyValue(body));
    }

    /** The spec's tools the level allows, decided as the membership check decides (with annotation levels where used). */
    private Flux<CallerTools.ToolSummary> allowedTools(TenantToolSpec spec, AccessLevel level) {
        Tenant tenant = spec.tenant();
        return Flux.fromIterable(spec.operations())
                .concatMap(operation -> requirementOf(tenant, operation.tool())
                        .filter(requirement -> TenantPolicy.decide(level, requirement).allowed())
                        .map(allowed -> new CallerTools.ToolSummary(operation.operationId(), operation.tool(), tenant.id(),
                                tenant.displayName(), operation.description(), "/tools/" + tenant.id() + operation.path(),
                                operation.method())));
    }

    private Mono<ToolRequirement> requirementOf(Tenant tenant, String tool) {
        if (tenant.toolLevelsFromAnnotations() && annotationRequirements != null) {
            return annotationRequirements.requirementFor(tenant, tool);
        }
        return Mono.just(tenant.policy().requirementFor(tool));
    }

    private static List<Tenant> memberTenants(TenancySnapshot snapshot, CallerIdentity caller) {
        return snapshot.tenantsOf(caller.email()).keySet().stream()
                .map(snapshot::tenant)
                .flatMap(Optional::stream)
                .sorted(Comparator.comparing(Tenant::id))
                .toList();
    }

    private static Mono<CallerIdentity> callerOf(ServerRequest request) {
        CallerIdentity caller = CallerIdentity.of(request.exchange());
        if (caller == null || caller.email() == null) {
            return Mono.error(GatewayProblem.unauthorized("no verified user identity: send a signed X-OpenWebUI-User-Jwt"));
        }
        return Mono.just(caller);
    }
}
