package dev.mcpgateway.admin.toolrule;

import java.time.Instant;

/** One row of {@code tool_rule}, as the bootstrap YAML names it: {@code tool} (name or pattern) and {@code level}. */
public record ToolRuleRow(String tool, String level, Instant updatedAt) {

    public boolean pattern() {
        return tool.indexOf('*') >= 0;
    }
}
