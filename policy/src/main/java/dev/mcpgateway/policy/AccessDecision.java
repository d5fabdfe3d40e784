package dev.mcpgateway.policy;

/**
 * The outcome of {@link TenantPolicy#decide}: allowed or not, the reason, and the requirement that applied.
 * {@link #explanation()} is short and safe to show to the caller (it names no other tenant or member).
 */
public record AccessDecision(Outcome outcome, ToolRequirement requirement, AccessLevel memberLevel) {

    public enum Outcome {
        ALLOWED, NOT_A_MEMBER, DENIED_BY_RULE, LEVEL_TOO_LOW
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOWED;
    }

    /** One sentence for logs, problem bodies and the explain-access screen. */
    public String explanation() {
        return switch (outcome) {
            case ALLOWED -> "allowed: " + memberLevel.value() + " access satisfies " + requirement.level().value()
                    + " (" + requirement.source() + ")";
            case NOT_A_MEMBER -> "not a member of this tenant";
            case DENIED_BY_RULE -> "this tool is disabled for everyone (" + requirement.source() + ")";
            case LEVEL_TOO_LOW -> "requires " + requirement.level().value() + " access, you have "
                    + memberLevel.value() + " (" + requirement.source() + ")";
        };
    }
}
