package dev.mcpgateway.admin.credential;

/** The "set a credential" form; the value is never rendered back (the field is always empty). */
public class CredentialForm {

    private String key = "";
    private String value = "";

    public String getKey() {
        return key;
    }

    public void setKey(String key) {
        this.key = key;
    }

    public String getValue() {
        return value;
    }

    public void setValue(String value) {
        this.value = value;
    }

    @Override
    public String toString() {
        return "CredentialForm[key=" + key + "]";
    }
}
