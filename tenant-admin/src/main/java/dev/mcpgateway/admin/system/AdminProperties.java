package dev.mcpgateway.admin.system;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.context.properties.bind.Name;

/**
 * Every setting of tenant-admin, under the prefix {@code mcpgateway} (the same tree the gateway uses, so
 * {@code mcpgateway.vault.*} means the same in both apps). Documented in docs/configuration.md (section "tenant-admin"), checked by ConfigurationDocsTests.
 *
 * @param admin the control plane's own settings
 * @param vault where tenant credentials live (must match the gateway's)
 * @param identity the gateway's identity settings that are not secrets, given to both apps, shown to platform admins
 * @param publicBaseUrl the gateway's URL as clients reach it (the gateway's own setting), shown with the MCP endpoint
 */
@ConfigurationProperties("mcpgateway")
public record AdminProperties(@DefaultValue Admin admin, @DefaultValue Vault vault, @DefaultValue Identity identity,
        URI publicBaseUrl) {

    /**
     * @param bootstrap       the first platform admin, created at startup when no account of that name exists
     * @param platformAdmins  emails (OIDC logins) and account names that are platform admins
     * @param backendTimeout  how long to wait for a backend's {@code /openapi.json} when listing its tools
     * @param pageSize        rows per page in lists
     * @param signInThrottle  back-off and temporary locks after failed sign-ins
     * @param apiDocs         who may read the JSON API's OpenAPI document
     */
    public record Admin(
            @DefaultValue Bootstrap bootstrap,
            @DefaultValue List<String> platformAdmins,
            @DefaultValue("3s") Duration backendTimeout,
            @DefaultValue("25") int pageSize,
            @DefaultValue SignInThrottle signInThrottle,
            @DefaultValue ApiDocs apiDocs) {

        public boolean isPlatformAdmin(String name) {
            return name != null && platformAdmins.stream().anyMatch(admin -> admin.trim().equalsIgnoreCase(name));
        }
    }

    /**
     * Sign-in throttling for the login form, HTTP Basic and API tokens, counted in memory per replica, per account
     * and per client address. From the {@code failuresBeforeLock}-th failure on, each failure locks the account (or
     * address) for {@code firstLock}, doubled per further failure up to {@code maxLock}; attempts during a lock are
     * refused without counting, and a successful sign-in clears the account's count. Time-based only: nobody is
     * locked out for longer than {@code maxLock}.
     *
     * @param enabled                   switch it off only behind another throttle (e.g. at the ingress)
     * @param accountFailuresBeforeLock failed sign-ins of one account before its first lock
     * @param addressFailuresBeforeLock failed sign-ins (any account, any token) from one client address before its first lock
     * @param firstLock                 the first lock's length
     * @param maxLock                   the longest lock
     * @param forgetAfter               failures are forgotten this long after the last one (at least {@code maxLock})
     * @param maxTracked                accounts and addresses tracked at most (the oldest are forgotten first)
     */
    public record SignInThrottle(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("5") int accountFailuresBeforeLock,
            @DefaultValue("20") int addressFailuresBeforeLock,
            @DefaultValue("5s") Duration firstLock,
            @DefaultValue("15m") Duration maxLock,
            @DefaultValue("1h") Duration forgetAfter,
            @DefaultValue("100000") long maxTracked) {
    }

    /**
     * @param publicAccess serve {@code /api/v1/openapi.json} without sign-in ({@code mcpgateway.admin.api-docs.public});
     *                     by default only signed-in people (API token, HTTP Basic or a web session) may read it
     */
    public record ApiDocs(@DefaultValue("false") @Name("public") boolean publicAccess) {
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
     * Which proofs of identity the gateway accepts, from the same {@code mcpgateway.identity.*} settings the gateway
     * gets. Never the Open WebUI secret or client keys: tenant-admin does not bind them.
     *
     * @param trustPlainHeaders the gateway accepts unsigned {@code X-OpenWebUI-User-*} headers behind a valid client key
     * @param oidc              the IdP whose access tokens the gateway accepts
     */
    public record Identity(@DefaultValue("false") boolean trustPlainHeaders, @DefaultValue Oidc oidc) {
    }

    /**
     * @param issuerUri  the IdP's issuer; IdP tokens are off when unset
     * @param audiences  the audiences a token must carry one of
     * @param emailClaim the claim holding the person's email
     * @param scopes     scopes advertised to OAuth clients
     */
    public record Oidc(String issuerUri, @DefaultValue List<String> audiences, @DefaultValue("email") String emailClaim,
            @DefaultValue List<String> scopes) {

        public boolean enabled() {
            return issuerUri != null && !issuerUri.isBlank();
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
