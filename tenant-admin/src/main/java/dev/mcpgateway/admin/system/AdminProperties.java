package dev.mcpgateway.admin.system;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Every setting of tenant-admin, under the prefix {@code mcpgateway} (the same tree the gateway uses, so
 * {@code mcpgateway.vault.*} means the same in both apps). Documented in docs/configuration.md (section "tenant-admin"), checked by ConfigurationDocsTests.
 *
 * @param admin the control plane's own settings
 * @param vault where tenant credentials live (must match the gateway's)
 */
@ConfigurationProperties("mcpgateway")
public record AdminProperties(@DefaultValue Admin admin, @DefaultValue Vault vault) {

    /**
     * @param bootstrap       the first platform admin, created at startup when no account of that name exists
     * @param platformAdmins  emails (OIDC logins) and account names that are platform admins
     * @param backendTimeout  how long to wait for a backend's {@code /openapi.json} when listing its tools
     * @param pageSize        rows per page in lists
     */
    public record Admin(
            @DefaultValue Bootstrap bootstrap,
            @DefaultValue List<String> platformAdmins,
            @DefaultValue("3s") Duration backendTimeout,
            @DefaultValue("25") int pageSize) {

        public boolean isPlatformAdmin(String name) {
            return name != null && platformAdmins.stream().anyMatch(admin -> admin.trim().equalsIgnoreCase(name));
        }
    }

    /**
     * @param username the bootstrap account's name; no account is created when unset
     * @param password its password, hashed before it is stored; never logged
     */
    public record Bootstrap(String username, String password) {

        public boolean configured() {
            return username != null && !username.isBlank() && password != null && !password.isBlank();
        }

        public String normalizedUsername() {
            return username.trim().toLowerCase(Locale.ROOT);
        }

        @Override
        public String toString() {
            return "Bootstrap[username=" + username + ", password=<hidden>]";
        }
    }

    /**
     * @param kvMount    the KV v2 mount holding tenant credentials
     * @param tenantPath the path under the mount; a tenant's secret is {@code <tenantPath>/<tenant>}
     */
    public record Vault(
            @DefaultValue("secret") String kvMount,
            @DefaultValue("mcp-gateway/tenants") String tenantPath) {
    }
}
