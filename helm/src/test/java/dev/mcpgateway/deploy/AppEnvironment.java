package dev.mcpgateway.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.json.JsonMapper;

/**
 * The environment variables each app actually reads: the {@code ${VAR:default}} placeholders of its
 * application.yml, the environment names of every property that file sets (Spring's relaxed binding: an
 * environment variable overrides application.yml), and the names of properties the deployments set that the file
 * does not mention (listed below with the property each one binds). The compose file and the chart may only set
 * variables from these sets.
 */
final class AppEnvironment {

    static final Path REPOSITORY = Paths.get("..").toAbsolutePath().normalize();

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z][A-Z0-9_]*)[:}]");

    /** Spring Cloud Vault's settings, which both apps use: every property in its configuration metadata. */
    private static final Set<String> SPRING_NAMES = springCloudVaultNames();

    /** Relaxed-binding names of the gateway's own properties (GatewayProperties, prefix mcpgateway). */
    private static final List<String> GATEWAY_NAMES = List.of(
            "MCPGATEWAY_VAULT_KV_MOUNT",     // mcpgateway.vault.kv-mount
            "MCPGATEWAY_VAULT_TENANT_PATH",  // mcpgateway.vault.tenant-path
            "MCPGATEWAY_VAULT_CACHE_TTL",    // mcpgateway.vault.cache-ttl
            "MCPGATEWAY_MCP_SESSION_KEY",    // mcpgateway.mcp.session-key
            "MCPGATEWAY_RATE_LIMIT_STORE",                         // mcpgateway.rate-limit.store
            "MCPGATEWAY_RATE_LIMIT_FAIL_CLOSED",                   // mcpgateway.rate-limit.fail-closed
            "MCPGATEWAY_RATE_LIMIT_PER_USER_REQUESTS_PER_SECOND",  // mcpgateway.rate-limit.per-user.requests-per-second
            "MCPGATEWAY_RATE_LIMIT_PER_USER_BURST",                // mcpgateway.rate-limit.per-user.burst
            "MCPGATEWAY_RATE_LIMIT_TENANT_REQUESTS_PER_SECOND",    // mcpgateway.rate-limit.tenant.requests-per-second
            "MCPGATEWAY_RATE_LIMIT_TENANT_BURST",                  // mcpgateway.rate-limit.tenant.burst
            "MCPGATEWAY_RATE_LIMIT_MAX_CONCURRENT_CALLS",          // mcpgateway.rate-limit.max-concurrent-calls
            "MCPGATEWAY_IDENTITY_OIDC_ISSUERURI",   // mcpgateway.identity.oidc.issuer-uri
            "MCPGATEWAY_IDENTITY_OIDC_AUDIENCES",   // mcpgateway.identity.oidc.audiences
            "MCPGATEWAY_IDENTITY_OIDC_EMAILCLAIM",  // mcpgateway.identity.oidc.email-claim
            "MCPGATEWAY_IDENTITY_OIDC_JWKSETURI",   // mcpgateway.identity.oidc.jwk-set-uri
            "MCPGATEWAY_IDENTITY_OIDC_SCOPES",      // mcpgateway.identity.oidc.scopes
            "MCPGATEWAY_PUBLICBASEURL",             // mcpgateway.public-base-url
            // Spring Boot's Redis connection (spring.data.redis.*), used by the rate limiter's redis store
            "SPRING_DATA_REDIS_URL", "SPRING_DATA_REDIS_HOST", "SPRING_DATA_REDIS_PORT", "SPRING_DATA_REDIS_DATABASE",
            "SPRING_DATA_REDIS_SSL_ENABLED", "SPRING_DATA_REDIS_USERNAME", "SPRING_DATA_REDIS_PASSWORD");

    /** Relaxed-binding names of tenant-admin's own properties that its application.yml does not set. */
    private static final List<String> TENANT_ADMIN_NAMES = List.of(
            "MANAGEMENT_SERVER_PORT",                // management.server.port (Spring Boot's own)
            "MCPGATEWAY_IDENTITY_OIDC_ISSUERURI",    // mcpgateway.identity.oidc.issuer-uri (shown, AdminProperties.Identity)
            "MCPGATEWAY_IDENTITY_OIDC_AUDIENCES",    // mcpgateway.identity.oidc.audiences
            "MCPGATEWAY_IDENTITY_OIDC_EMAILCLAIM",   // mcpgateway.identity.oidc.email-claim
            "MCPGATEWAY_IDENTITY_OIDC_SCOPES",       // mcpgateway.identity.oidc.scopes
            "MCPGATEWAY_PUBLICBASEURL");             // mcpgateway.public-base-url

    /** Prefixes of whole property trees an operator may set (logging levels, OIDC client registrations). */
    private static final List<String> OPEN_PREFIXES = List.of("LOGGING_LEVEL_", "SPRING_SECURITY_OAUTH2_CLIENT_");

    private AppEnvironment() {
    }

    static Path applicationYml(String app) {
        return REPOSITORY.resolve(app).resolve("src/main/resources/application.yml");
    }

    static Set<String> gateway() {
        Set<String> names = placeholders(applicationYml("gateway"));
        names.addAll(propertyNames(applicationYml("gateway")));
        names.addAll(SPRING_NAMES);
        names.addAll(GATEWAY_NAMES);
        return names;
    }

    static Set<String> tenantAdmin() {
        Set<String> names = placeholders(applicationYml("tenant-admin"));
        names.addAll(propertyNames(applicationYml("tenant-admin")));
        names.addAll(SPRING_NAMES);
        names.addAll(TENANT_ADMIN_NAMES);
        return names;
    }

    /** Whether {@code name} is one of {@code known} or within a property tree operators may set freely. */
    static boolean isRead(String name, Set<String> known) {
        return known.contains(name) || OPEN_PREFIXES.stream().anyMatch(name::startsWith);
    }

    /** The environment names of the properties a YAML file sets, e.g. spring.flyway.enabled → SPRING_FLYWAY_ENABLED. */
    static Set<String> propertyNames(Path yaml) {
        try {
            Set<String> names = new TreeSet<>();
            for (Object document : new Yaml().loadAll(Files.readString(yaml))) {
                if (document instanceof Map<?, ?> map) {
                    flatten(map, "", names);
                }
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void flatten(Map<?, ?> map, String prefix, Set<String> names) {
        map.forEach((key, value) -> {
            String name = prefix + String.valueOf(key).toUpperCase(Locale.ROOT).replace('-', '_').replace('.', '_');
            if (value instanceof Map<?, ?> child) {
                flatten(child, name + "_", names);
            } else {
                names.add(name);
            }
        });
    }

    private static Set<String> springCloudVaultNames() {
        Set<String> names = new TreeSet<>();
        try {
            var resources = AppEnvironment.class.getClassLoader().getResources("META-INF/spring-configuration-metadata.json");
            while (resources.hasMoreElements()) {
                try (var metadata = resources.nextElement().openStream()) {
                    JsonMapper.builder().build().readTree(metadata).path("properties").forEach(property -> {
                        String name = property.path("name").asString();
                        if (name.startsWith("spring.cloud.vault.")) {
                            names.add(name.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_'));
                        }
                    });
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (names.isEmpty()) {
            throw new IllegalStateException("no spring.cloud.vault.* properties in the configuration metadata");
        }
        return names;
    }

    static Set<String> placeholders(Path yaml) {
        try {
            Set<String> names = new TreeSet<>();
            Matcher matcher = PLACEHOLDER.matcher(Files.readString(yaml));
            while (matcher.find()) {
                names.add(matcher.group(1));
            }
            return names;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
