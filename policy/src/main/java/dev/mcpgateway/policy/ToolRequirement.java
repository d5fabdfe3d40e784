package dev.mcpgateway.policy;

/**
 * What a tenant demands for one tool, and why: the rule that matched, the tool's annotation,
 * or the tenant's default level.
 *
 * @param level  the demanded level ({@link RuleLevel#DENY} refuses everyone)
 * @param source where the demand comes from, for explanations ("rule 'delete_*'", "tenant default")
 */
public record ToolRequirement(RuleLevel level, String source) {

    public boolean denied() {
        return level == RuleLevel.DENY;
    }
}
