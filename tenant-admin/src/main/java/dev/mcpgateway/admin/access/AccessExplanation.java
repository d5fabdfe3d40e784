package dev.mcpgateway.admin.access;

import java.util.List;

/**
 * Which tools {@code email} may call in {@code tenant}, and the rule that decided each.
 *
 * @param email           the person, trimmed and lower-cased as the gateway compares emails (policy MemberEmails)
 * @param emailAsEntered  the email as it was entered (e.g. as the IdP presents it), when that differs; else {@code null}
 * @param memberLevel     the person's level there, or {@code null} when not a member
 * @param fromBackend     true when the tool list came from the backend; false when only the rules could be listed
 * @param unavailableReason why the backend's tools are not listed, or {@code null}
 * @param tools           one decision per tool (or per rule, when the backend was not read)
 * @param otherTools      the decision for any tool no rule names: the tenant default, or for a tenant that derives
 *                        levels from tool annotations, a tool not marked {@code readOnlyHint: true} ({@code write})
 * @param otherReadOnlyTools for a tenant that derives levels from tool annotations, the decision for any tool no rule
 *                        names that the backend marks {@code readOnlyHint: true} ({@code read}); {@code null} otherwise
 * @param callLimits      the tenant's call limits for this person in a sentence; {@code null} when not a member
 */
public record AccessExplanation(
        String tenant,
        String email,
        String emailAsEntered,
        String memberLevel,
        boolean fromBackend,
        String unavailableReason,
        List<ToolDecision> tools,
        ToolDecision otherTools,
        ToolDecision otherReadOnlyTools,
        String callLimits) {

    /** One tool: allowed or not, what it needs and why, in the gateway's own words. */
    public record ToolDecision(String tool, boolean allowed, String requiredLevel, String source, String explanation) {
    }

    public long allowedCount() {
        return tools.stream().filter(ToolDecision::allowed).count();
    }
}
