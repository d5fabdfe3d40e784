package dev.mcpgateway.gateway.tenant;

import dev.mcpgateway.gateway.error.GatewayProblem;
import dev.mcpgateway.gateway.identity.CallerIdentity;
import dev.mcpgateway.policy.AccessDecision;
import dev.mcpgateway.policy.AccessLevel;
import dev.mcpgateway.policy.RuleLevel;
import dev.mcpgateway.policy.TenantIds;
import dev.mcpgateway.policy.TenantPolicy;
import dev.mcpgateway.policy.ToolRequirement;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.gateway.filter.GatewayFilter;
import org.springframework.cloud.gateway.filter.GatewayFilterChain;
import org.springframework.cloud.gateway.filter.factory.AbstractGatewayFilterFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Lets a call through only when the caller is a member of the route's tenant at the level the tool requires,
 * decided by the tenant's {@link TenantPolicy} on the in-memory snapshot (no database call). Refusals are short
 * problem+json bodies naming the tenant and the reason; the outcome is kept as {@link TenantCall} for audit.
 * For tenants that derive tool levels from MCP annotations, the tool's level comes from {@link ToolRequirements}
 * (the backend's cached tool list); explicit rules still win.
 * <pre>
 * filters:
 *   - TenantMembership=google
 * </pre>
 */
@Component
public class TenantMembershipGatewayFilterFactory
        extends AbstractGatewayFilterFactory<TenantMembershipGatewayFilterFactory.Config> {

    private static final Logger log = LoggerFactory.getLogger(TenantMembershipGatewayFilterFactory.class);
    /** The tenant root ({@code /tools/<tenant>/}) is open to every member, whatever the tool rules say. */
    private static final ToolRequirement ROOT = new ToolRequirement(RuleLevel.READ, "tenant root");

    private final TenantDirectory directory;
    private final ToolRequirements toolRequirements;

    /** Rules and tenant defaults only, without annotation levels (for tests and gateways without MCP backends). */
    public TenantMembershipGatewayFilterFactory(TenantDirectory directory) {
        this(directory, ToolRequirements.RULES_ONLY);
    }

    @Autowired
    public TenantMembershipGatewayFilterFactory(TenantDirectory directory, ToolRequirements toolRequirements) {
        super(Config.class);
        this.directory = directory;
        this.toolRequirements = toolRequirements;
    }

    @Override
    public List<String> shortcutFieldOrder() {
        return List.of("tenant");
    }

    @Override
    public GatewayFilter apply(Config config) {
        String tenantId = config.getTenant();
        if (!TenantIds.isValid(tenantId)) {
            throw new IllegalArgumentException("TenantMembership needs a tenant id (was '" + tenantId + "')");
        }
        String tenantPath = "/tools/" + tenantId;
        return (exchange, chain) -> checkMembership(exchange, chain, tenantId, tenantPath);
    }

    private Mono<Void> checkMembership(ServerWebExchange exchange, GatewayFilterChain chain, String tenantId,
                                       String tenantPath) {
        String tool;
        try {
            tool = ToolPath.toolOf(exchange.getRequest().getPath().pathWithinApplication().value(), tenantPath, tenantId);
        } catch (GatewayProblem badPath) {
            return refuse(exchange, new TenantCall(tenantId, null, null), badPath);
        }
        CallerIdentity caller = CallerIdentity.of(exchange);
        if (caller == null || caller.email() == null) {
            return refuse(exchange, new TenantCall(tenantId, tool, null),
                    GatewayProblem.unauthorized("sign-in identity required"));
        }
        TenancySnapshot snapshot = directory.current();
        Tenant tenant = snapshot.tenants().get(tenantId);
        if (tenant == null || !tenant.enabled()) {
            return refuse(exchange, new TenantCall(tenantId, tool, null),
                    GatewayProblem.notFound(tenantId, "tenant '" + tenantId + "' does not exist or is disabled"));
        }
        AccessLevel level = snapshot.levelOf(caller.email(), tenantId);
        if (level != null && tool != null && tenant.toolLevelsFromAnnotations()) {
            // The tool's level may come from its MCP annotations, which only the backend's tool list knows.
            return toolRequirements.requirementFor(tenant, tool)
                    .flatMap(requirement -> decided(exchange, chain, caller, tenantId, tool,
                            TenantPolicy.decide(level, requirement)));
        }
        return decided(exchange, chain, caller, tenantId, tool, decide(tenant, level, tool));
    }

    private Mono<Void> decided(ServerWebExchange exchange, GatewayFilterChain chain, CallerIdentity caller,
                               String tenantId, String tool, AccessDecision decision) {
        TenantCall call = new TenantCall(tenantId, tool, decision);
        if (log.isDebugEnabled()) {
            log.debug("{} calls {}/{}: {}", caller.email(), tenantId, tool, decision.explanation());
        }
        if (!decision.allowed()) {
            return refuse(exchange, call, GatewayProblem.forbidden(tenantId,
                    "tenant '" + tenantId + "': " + decision.explanation()));
        }
        exchange.getAttributes().put(TenantCall.ATTRIBUTE, call);
        return chain.filter(exchange);
    }

    private static AccessDecision decide(Tenant tenant, AccessLevel level, String tool) {
        return tool == null ? TenantPolicy.decide(level, ROOT) : tenant.policy().decide(level, tool);
    }

    private static Mono<Void> refuse(ServerWebExchange exchange, TenantCall call, GatewayProblem problem) {
        exchange.getAttributes().put(TenantCall.ATTRIBUTE, call);
        if (log.isDebugEnabled()) {
            log.debug("Refused {} for tenant {}: {}", exchange.getRequest().getPath(), call.tenantId(),
                    problem.getMessage());
        }
        return Mono.error(problem);
    }

    /** The route's tenant, e.g. {@code TenantMembership=google}. */
    public static class Config {

        private String tenant;

        public String getTenant() {
            return tenant;
        }

        public void setTenant(String tenant) {
            this.tenant = tenant;
        }
    }
}
