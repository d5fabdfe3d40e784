package dev.mcpgateway.admin.toolrule;

/** The "add or change a rule" form, and the body of {@code PUT /api/v1/tenants/{id}/rules/{tool}} ({@code level}). */
public class ToolRuleForm {

    private String tool = "";
    private String level = "write";

    public String getTool() {
        return tool;
    }

    public void setTool(String tool) {
        this.tool = tool;
    }

    public String getLevel() {
        return level;
    }

    public void setLevel(String level) {
        this.level = level;
    }
}
