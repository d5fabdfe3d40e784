package dev.mcpgateway.policy;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * A tenant's tool rules and default level: the one decision procedure for "may this member call this tool",
 * used by the gateway on every call and by tenant-admin's "explain access".
 * <p>
 * Precedence: an exact rule for the tool, else the most specific matching pattern (most literal characters,
 * then alphabetical), else the tool's annotation level when the tenant derives levels from annotations,
 * else the tenant's default level.
 */
public final class TenantPolicy {

    private static final Comparator<ToolRule> MOST_SPECIFIC_FIRST = Comparator
            .comparing(ToolRule::isPattern)
            .thenComparing(Comparator.comparingInt(ToolRule::specificity).reversed())
            .thenComparing(ToolRule::tool);

    private final AccessLevel defaultToolLevel;
    private final List<ToolRule> rules;

    public TenantPolicy(AccessLevel defaultToolLevel, List<ToolRule> rules) {
        this.defaultToolLevel = Objects.requireNonNull(defaultToolLevel, "defaultToolLevel");
        this.rules = rules.stream().sorted(MOST_SPECIFIC_FIRST).toList();
    }

    public AccessLevel defaultToolLevel() {
        return defaultToolLevel;
    }

    /** The rules, most specific first. */
    public List<ToolRule> rules() {
        return rules;
    }

    /** What {@code tool} demands, without knowing its annotations. */
    public ToolRequirement requirementFor(String tool) {
        return requirementFor(tool, null);
    }

    /**
     * What {@code tool} demands.
     *
     * @param annotationLevel the level derived from the tool's MCP annotations, or {@code null} when the tenant
     *                        does not derive levels from annotations or the tool has none
     */
    public ToolRequirement requirementFor(String tool, AccessLevel annotationLevel) {
        for (ToolRule rule : rules) {
            if (rule.matches(tool)) {
                return new ToolRequirement(rule.level(), "rule '" + rule.tool() + "'");
            }
        }
        if (annotationLevel != null) {
            return new ToolRequirement(RuleLevel.of(annotationLevel), "tool annotations");
        }
        return new ToolRequirement(RuleLevel.of(defaultToolLevel), "tenant default");
    }

    /** True when a rule refuses {@code tool} for everyone: such tools are hidden from specs and tool lists. */
    public boolean isDenied(String tool) {
        return requirementFor(tool).denied();
    }

    /** Decides whether a member at {@code memberLevel} ({@code null}: not a member) may call {@code tool}. */
    public AccessDecision decide(AccessLevel memberLevel, String tool) {
        return decide(memberLevel, requirementFor(tool));
    }

    /** Decides against a requirement already looked up (e.g. with annotation levels). */
    public static AccessDecision decide(AccessLevel memberLevel, ToolRequirement requirement) {
        if (memberLevel == null) {
            return new AccessDecision(AccessDecision.Outcome.NOT_A_MEMBER, requirement, null);
        }
        if (requirement.denied()) {
            return new AccessDecision(AccessDecision.Outcome.DENIED_BY_RULE, requirement, memberLevel);
        }
        if (!memberLevel.satisfies(requirement.level().required())) {
            return new AccessDecision(AccessDecision.Outcome.LEVEL_TOO_LOW, requirement, memberLevel);
        }
        return new AccessDecision(AccessDecision.Outcome.ALLOWED, requirement, memberLevel);
    }
}
