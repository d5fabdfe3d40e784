package dev.mcpgateway.admin.member;

/** A tenant one person belongs to, for the per-user view. */
public record Membership(String tenant, String displayName, String accessLevel, boolean enabled) {
}
