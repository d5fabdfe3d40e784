package dev.mcpgateway.admin.access;

import dev.mcpgateway.admin.member.Member;
import dev.mcpgateway.admin.member.MemberService;
import dev.mcpgateway.admin.system.Actor;
import dev.mcpgateway.admin.system.InvalidInputException;
import dev.mcpgateway.admin.tenant.Tenant;
import dev.mcpgateway.admin.tenant.TenantService;
import dev.mcpgateway.admin.toolrule.BackendTools;
import dev.mcpgateway.admin.toolrule.ToolRuleService;
import dev.mcpgateway.policy.AccessDecision;
import dev.mcpgateway.policy.AccessLevel;
import dev.mcpgateway.policy.MemberEmails;
import dev.mcpgateway.policy.TenantPolicy;
import dev.mcpgateway.policy.ToolRule;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Service;

/**
 * "Explain access": for a person and a tenant, every tool and the decision the gateway would make, computed by the
 * policy module's {@link TenantPolicy} (the gateway's own decision code), never re-implemented here.
 */
@Service
public class ExplainAccessService {

    /** A tool name that no rule can match exactly, standing for "any tool without a rule". */
    private static final String ANY_OTHER_TOOL = "\u0000any-other-tool";

    private final TenantService tenants;
    private final MemberService members;
    private final ToolRuleService rules;
    private final BackendTools backendTools;

    ExplainAccessService(TenantService tenants, MemberService members, ToolRuleService rules, BackendTools backendTools) {
        this.tenants = tenants;
        this.members = members;
        this.rules = rules;
        this.backendTools = backendTools;
    }

    public AccessExplanation explain(Actor actor, String tenantId, String email) {
        // The email as the IdP or Open WebUI presents it: the gateway compares it in MemberEmails' form, so do we.
        String person = email == null ? "" : MemberEmails.normalize(email);
        if (person.isEmpty()) {
            throw new InvalidInputException("email", "Enter the email of the person to explain");
        }
        if (!MemberEmails.isValid(person)) {
            throw new InvalidInputException("email", "Not an email address: " + person);
        }
        Tenant tenant = tenants.get(actor, tenantId);
        TenantPolicy policy = rules.policy(actor, tenantId);
        AccessLevel level = members.list(actor, tenantId).stream()
                .filter(member -> member.email().equalsIgnoreCase(person))
                .map(Member::accessLevel).map(AccessLevel::of).findFirst().orElse(null);
        BackendTools.Catalog catalog = backendTools.of(tenant);
        List<String> tools = catalog.available() ? catalog.tools()
                : policy.rules().stream().filter(rule -> !rule.isPattern()).map(ToolRule::tool).sorted().toList();
        List<AccessExplanation.ToolDecision> decisions = new ArrayList<>();
        for (String tool : tools) {
            decisions.add(decision(tool, policy.decide(level, tool)));
        }
        AccessExplanation.ToolDecision other;
        AccessExplanation.ToolDecision otherReadOnly = null;
        if (tenant.derivesLevelsFromAnnotations()) {
            // The gateway hands TenantPolicy the tool's annotation level (McpBackends.requirementFor): read for
            // readOnlyHint: true, write for anything else. Rules still win, inside TenantPolicy.
            other = decision("any other tool", TenantPolicy.decide(level,
                    policy.requirementFor(ANY_OTHER_TOOL, AccessLevel.WRITE)));
            otherReadOnly = decision("any other read-only tool", TenantPolicy.decide(level,
                    policy.requirementFor(ANY_OTHER_TOOL, AccessLevel.READ)));
        } else {
            other = decision("any other tool", policy.decide(level, ANY_OTHER_TOOL));
        }
        return new AccessExplanation(tenant.id(), person, email.equals(person) ? null : email,
                level == null ? null : level.value(), catalog.available(),
                catalog.unavailableReason(), decisions, other, otherReadOnly,
                level == null ? null : CallLimitsSentence.of(person, tenant.id(), tenant.rateLimit()));
    }

    private static AccessExplanation.ToolDecision decision(String tool, AccessDecision decision) {
        return new AccessExplanation.ToolDecision(tool, decision.allowed(), decision.requirement().level().value(),
                decision.requirement().source(), decision.explanation());
    }
}
