package dev.mcpgateway.policy;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One row of {@code tool_rule}: a tool name, or a pattern where {@code *} matches any run of characters,
 * and the {@link RuleLevel} it demands.
 */
public record ToolRule(String tool, RuleLevel level) {

    /** Same pattern as the database constraint {@code tool_rule_tool_format}. */
    public static final Pattern TOOL_FORMAT = Pattern.compile("^[A-Za-z0-9_.*-]{1,128}$");

    public ToolRule {
        Objects.requireNonNull(tool, "tool");
        Objects.requireNonNull(level, "level");
        if (!TOOL_FORMAT.matcher(tool).matches()) {
            throw new IllegalArgumentException(
                    "tool must be 1-128 characters of letters, digits, '_', '-', '.' or '*' (was '" + tool + "')");
        }
    }

    public boolean isPattern() {
        return tool.indexOf('*') >= 0;
    }

    /** True when this rule applies to {@code toolName}. */
    public boolean matches(String toolName) {
        if (!isPattern()) {
            return tool.equals(toolName);
        }
        return globMatches(tool, 0, toolName, 0);
    }

    /** Literal characters of the pattern: a longer literal part is a more specific rule. */
    int specificity() {
        int literal = 0;
        for (int i = 0; i < tool.length(); i++) {
            if (tool.charAt(i) != '*') {
                literal++;
            }
        }
        return literal;
    }

    private static boolean globMatches(String pattern, int p, String text, int t) {
        int star = -1;
        int starText = 0;
        while (t < text.length()) {
            if (p < pattern.length() && pattern.charAt(p) == text.charAt(t) && pattern.charAt(p) != '*') {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                starText = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++starText;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
