package dev.mcpgateway.gateway.membership;

import static org.springframework.cloud.gateway.support.GatewayToStringStyler.filterToStringCreator;

import dev.mcpgateway.gateway.directory.TenancySnapshot;
import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.gateway.directory.TenantDirectory;
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
import org.springframework.core.style.ToStringCreator;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ServerWebExchange;
import reactor.core.publisher.Mono;

/**
 * Lets a call through only when the caller is a member of the route's tenant at the level the tool requires, decided
 * by the tenant's {@link TenantPolicy} on the in-memory snapshot (tool levels from MCP annotations through
 * {@link ToolRequirements}); refusals are {@link GatewayProblem}s, the outcome stays on the exchange as
 * {@link TenantCall} for audit. Shortcut form: {@code TenantMembership=google}.
 */
@Component
public class TenantMembershipGatewayFilterFactory
        extends AbstractGatewayFilterFactory<TenantMembershipGatewayFilterFactory.Config> {

    /** The route's tenant id. */
    public static final String TENANT_KEY = "tenant";

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
        return List.of(TENANT_KEY);
    }

    @Override
    public GatewayFilter apply(Config config) {
        String tenantId = config.getTenant();
        if (!TenantIds.isValid(tenantId)) {
            throw new IllegalArgumentException("TenantMembership needs a tenant id (was '" + tenantId + "')");
        }
        String tenantPath = "/tools/" + tenantId;
        return new GatewayFilter() {

            @Override
            public Mono<Void> filter(ServerWebExchange exchange, GatewayFilterChain chain) {
                return decidedCall(exchange, tenantId, tenantPath)
                        .flatMap(call -> admitted(exchange, chain, call));
            }

            @Override
            public String toString() {
                return filterToStringCreator(TenantMembershipGatewayFilterFactory.this)
                        .append(TENANT_KEY, tenantId).toString();
            }
        };
    }

    /** Tool, caller, tenant and level, decided into a {@link TenantCall}; a refusal before any decision as an error. */
    private Mono<TenantCall> decidedCall(ServerWebExchange exchange, String tenantId, String tenantPath) {
        String tool;
        try {
            tool = ToolPath.toolOf(exchange.getRequest().getPath().pathWithinApplication().value(), tenantPath, tenantId);
        } catch (GatewayProblem badPath) {
            return refused(exchange, new TenantCall(tenantId, null, null), badPath);
        }
        CallerIdentity caller = CallerIdentity.of(exchange);
        if (caller == null || caller.email() == null) {
            return refused(exchange, new TenantCall(tenantId, tool, null),
                    GatewayProblem.unauthorized("sign-in identity required"));
        }
        TenancySnapshot snapshot = directory.current();
        Tenant tenant = snapshot.tenants().get(tenantId);
        if (tenant == null || !tenant.enabled()) {
            return refused(exchange, new TenantCall(tenantId, tool, null),
                    GatewayProblem.notFound(tenantId, "tenant '" + tenantId + "' does not exist or is disabled"));
        }
        AccessLevel level = snapshot.levelOf(caller.email(), tenantId);
        if (level != null && tool != null && tenant.toolLevelsFromAnnotations()) {
            // The tool's level may come from its MCP annotations, which only the backend's tool list knows.
            return toolRequirements.requirementFor(tenant, tool)
                    .map(requirement -> decided(caller, tenantId, tool, TenantPolicy.decide(level, requirement)));
        }
        AccessDecision decision = tool == null ? TenantPolicy.decide(level, ROOT) : tenant.policy().decide(level, tool);
        return Mono.just(decided(caller, tenantId, tool, decision));
    }

    private static TenantCall decided(CallerIdentity caller, String tenantId, String tool, AccessDecision decision) {
        if (log.isDebugEnabled()) {
            log.debug("{} calls {}/{}: {}", caller.email(), tenantId, tool, decision.explanation());
        }
        return new TenantCall(tenantId, tool, decision);
    }

    /** Forwards an allowed call; refuses the others with 403. Either way the call stays on the exchange for audit. */
    private static Mono<Void> admitted(ServerWebExchange exchange, GatewayFilterChain chain, TenantCall call) {
        if (!call.decision().allowed()) {
            return refused(exchange, call, GatewayProblem.forbidden(call.tenantId(),
                    "tenant '" + call.tenantId() + "': " + call.decision().explanation()));
        }
        exchange.getAttributes().put(TenantCall.ATTRIBUTE, call);
        return chain.filter(exchange);
    }

    private static <T> Mono<T> refused(ServerWebExchange exchange, TenantCall call, GatewayProblem problem) {
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

        @Override
        public String toString() {
            return new ToStringCreator(this).append(TENANT_KEY, tenant).toString();
        }
    }
}
