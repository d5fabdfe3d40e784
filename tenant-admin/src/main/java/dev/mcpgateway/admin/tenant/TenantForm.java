package dev.mcpgateway.admin.tenant;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A tenant as entered in the form or sent to the API ({@code PUT/POST /api/v1/tenants}); the constraints are the
 * database's, with messages a person can act on. Defaults match the bootstrap YAML's.
 */
public class TenantForm {

    @NotBlank(message = "Enter an id")
    @Pattern(regexp = "^[a-z0-9][a-z0-9-]{0,62}$",
            message = "Use 1-63 lower-case letters, digits or '-', starting with a letter or digit")
    private String id;

    @NotBlank(message = "Enter a display name")
    @Size(max = 200, message = "Use at most 200 characters")
    private String displayName;

    @NotBlank(message = "Enter the backend URL")
    @Size(max = 2048, message = "Use at most 2048 characters")
    @Pattern(regexp = "^https?://[^\\s/?#]+[^\\s]*$", message = "Enter an http:// or https:// URL without spaces")
    private String backendUrl;

    @NotNull(message = "Choose a backend type")
    @Pattern(regexp = "openapi|mcp", message = "Choose openapi or mcp")
    private String backendType = "openapi";

    private boolean enabled = true;

    @NotNull(message = "Choose a default tool level")
    @Pattern(regexp = "read|write|admin", message = "Choose read, write or admin")
    private String defaultToolLevel = "read";

    public static TenantForm of(Tenant tenant) {
        TenantForm form = new TenantForm();
        form.setId(tenant.id());
        form.setDisplayName(tenant.displayName());
        form.setBackendUrl(tenant.backendUrl());
        form.setBackendType(tenant.backendType());
        form.setEnabled(tenant.enabled());
        form.setDefaultToolLevel(tenant.defaultToolLevel());
        return form;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = trim(id);
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = trim(displayName);
    }

    public String getBackendUrl() {
        return backendUrl;
    }

    public void setBackendUrl(String backendUrl) {
        this.backendUrl = trim(backendUrl);
    }

    public String getBackendType() {
        return backendType;
    }

    public void setBackendType(String backendType) {
        this.backendType = trim(backendType);
    }

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getDefaultToolLevel() {
        return defaultToolLevel;
    }

    public void setDefaultToolLevel(String defaultToolLevel) {
        this.defaultToolLevel = trim(defaultToolLevel);
    }

    private static String trim(String value) {
        return value == null ? null : value.trim();
    }

    /** The change in words, for the audit detail (no secrets live in a tenant row). */
    String describe() {
        return "displayName=" + displayName + ", backendUrl=" + backendUrl + ", backendType=" + backendType
                + ", enabled=" + enabled + ", defaultToolLevel=" + defaultToolLevel;
    }
}
