package dev.mcpgateway.admin.toolrule;

import dev.mcpgateway.admin.audit.AdminAudit;
import dev.mcpgateway.admin.system.Actor;
import dev.mcpgateway.admin.system.InvalidInputException;
import dev.mcpgateway.admin.system.NotFoundException;
import dev.mcpgateway.admin.tenant.Tenant;
import dev.mcpgateway.admin.tenant.TenantRepository;
import dev.mcpgateway.policy.AccessLevel;
import dev.mcpgateway.policy.RuleLevel;
import dev.mcpgateway.policy.TenantPolicy;
import dev.mcpgateway.policy.ToolRule;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Tool rules of a tenant, validated by the policy module's own {@link ToolRule} (the gateway parses them the same
 * way). Platform admins and admins of the tenant may change them.
 */
@Service
public class ToolRuleService {

    private final ToolRuleRepository rules;
    private final TenantRepository tenants;
    private final AdminAudit audit;

    ToolRuleService(ToolRuleRepository rules, TenantRepository tenants, AdminAudit audit) {
        this.rules = rules;
        this.tenants = tenants;
        this.audit = audit;
    }

    @Transactional(readOnly = true)
    public List<ToolRuleRow> list(Actor actor, String tenant) {
        requireTenant(actor, tenant);
        return rules.list(tenant);
    }

    /** The tenant's rules as the gateway evaluates them. */
    @Transactional(readOnly = true)
    public TenantPolicy policy(Actor actor, String tenant) {
        Tenant found = requireTenant(actor, tenant);
        return new TenantPolicy(AccessLevel.of(found.defaultToolLevel()),
                rules.list(tenant).stream().map(row -> new ToolRule(row.tool(), RuleLevel.of(row.level()))).toList());
    }

    /** Sets the rule for {@code tool} (creating it when absent): an idempotent PUT. True when created. */
    @Transactional
    public boolean put(Actor actor, String tenant, String tool, String level) {
        requireTenant(actor, tenant);
        ToolRule rule = parse(tool, level);
        Optional<String> current = rules.level(tenant, rule.tool());
        if (current.isEmpty()) {
            rules.put(tenant, rule.tool(), rule.level().value());
            audit.record(actor, "rule.create", tenant, rule.tool() + " -> " + rule.level().value());
            return true;
        }
        if (!current.get().equals(rule.level().value())) {
            rules.put(tenant, rule.tool(), rule.level().value());
            audit.record(actor, "rule.update", tenant, rule.tool() + ": " + current.get() + " -> " + rule.level().value());
        }
        return false;
    }

    @Transactional
    public void delete(Actor actor, String tenant, String tool) {
        requireTenant(actor, tenant);
        if (!rules.delete(tenant, tool)) {
            throw new NotFoundException("No rule for '" + tool + "' in '" + tenant + "'");
        }
        audit.record(actor, "rule.delete", tenant, tool);
    }

    private static ToolRule parse(String tool, String level) {
        String name = tool == null ? "" : tool.trim();
        if (!ToolRule.TOOL_FORMAT.matcher(name).matches()) {
            throw new InvalidInputException("tool",
                    "Use 1-128 letters, digits, '_', '-', '.' or '*' (a '*' matches any run of characters)");
        }
        try {
            return new ToolRule(name, RuleLevel.of(level));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("level", "Choose read, write, admin or deny");
        }
    }

    private Tenant requireTenant(Actor actor, String tenant) {
        actor.requireManages(tenant);
        return tenants.find(tenant).orElseThrow(() -> new NotFoundException("No tenant '" + tenant + "'"));
    }
}
