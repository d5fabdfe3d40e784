package dev.mcpgateway.admin.member;

/** The "add members" form: one or many addresses pasted at once, and the level they get. */
public class MemberForm {

    private String emails = "";
    private String accessLevel = "read";

    public String getEmails() {
        return emails;
    }

    public void setEmails(String emails) {
        this.emails = emails;
    }

    public String getAccessLevel() {
        return accessLevel;
    }

    public void setAccessLevel(String accessLevel) {
        this.accessLevel = accessLevel;
    }
}
