package dev.mcpgateway.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docker-compose.yml is valid for Docker Compose and agrees with what the apps and Open WebUI read:
 * service names, ports, environment variables, shared secrets and the demo tenants.
 */
class ComposeFileTests {

    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    static void resolve() throws Exception {
        services = Compose.services();
    }

    @Test
    void passesDockerComposeValidation() throws Exception {
        Compose.Result result = Compose.run("config", "-q");

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void runsTheWholeStack() {
        assertThat(services).containsOnlyKeys("postgres", "vault", "vault-init", "redis", "tenant-admin", "gateway",
                "tools-google", "tools-microsoft", "tools-company-c", "open-webui");
        assertThat(Compose.ports(services.get("open-webui"))).contains("3000:8080");
    }

    /** The commented Keycloak example names only variables the apps read, so uncommenting it works. */
    @Test
    void keycloakExampleSetsOnlyVariablesTheAppsRead() throws Exception {
        Matcher example = Pattern.compile("(?m)^ {6}# (MCPGATEWAY_[A-Z_]+): ")
                .matcher(Files.readString(AppEnvironment.REPOSITORY.resolve("docker-compose.yml")));
        List<String> names = new ArrayList<>();
        while (example.find()) {
            names.add(example.group(1));
        }

        assertThat(names).contains("MCPGATEWAY_IDENTITY_OIDC_ISSUERURI", "MCPGATEWAY_IDENTITY_OIDC_AUDIENCES",
                "MCPGATEWAY_IDENTITY_OIDC_JWKSETURI", "MCPGATEWAY_PUBLICBASEURL");
        assertThat(names).allSatisfy(name -> assertThat(AppEnvironment.isRead(name, AppEnvironment.gateway()))
                .as(name + " is read by the gateway").isTrue());
    }

    @Test
    void setsOnlyVariablesTheGatewayReads() {
        Map<String, String> env = Compose.environment(services.get("gateway"));

        assertThat(env.keySet()).allSatisfy(name -> assertThat(AppEnvironment.isRead(name, AppEnvironment.gateway()))
                .as(name + " is read by the gateway").isTrue());
        assertThat(env).containsKeys("DATABASE_URL", "DATABASE_USERNAME", "DATABASE_PASSWORD", "VAULT_ADDR", "VAULT_TOKEN",
                        "OPENWEBUI_JWT_SECRET", "MCPGATEWAY_CLIENT_KEYS", "MCPGATEWAY_BOOTSTRAP_FILE", "MCPGATEWAY_MCP_SESSION_KEY")
                .containsEntry("MCPGATEWAY_MIGRATE", "false")
                .containsEntry("VAULT_ENABLED", "true")
                .containsEntry("MCPGATEWAY_TRUST_PLAIN_HEADERS", "false");
        assertThat(Compose.ports(services.get("gateway"))).contains(env.get("PORT") + ":" + env.get("PORT"));
    }

    @Test
    void keepsTheGatewaysRateLimitBucketsInAPinnedRedisWithoutPersistence() {
        Map<String, Object> redis = services.get("redis");
        Map<String, String> gateway = Compose.environment(services.get("gateway"));

        assertThat(String.valueOf(redis.get("image"))).matches("redis:\\d+\\.\\d+\\.\\d+-alpine");
        assertThat(Compose.command(redis)).containsSubsequence("--save", "").containsSubsequence("--appendonly", "no");
        assertThat(redis).containsKey("healthcheck").doesNotContainKeys("volumes", "ports");
        assertThat(gateway).containsEntry("MCPGATEWAY_RATE_LIMIT_STORE", "redis")
                .containsEntry("SPRING_DATA_REDIS_URL", "redis://redis:6379")
                .containsEntry("MCPGATEWAY_RATE_LIMIT_PER_USER_REQUESTS_PER_SECOND", "50")
                .containsEntry("MCPGATEWAY_RATE_LIMIT_PER_USER_BURST", "100")
                .containsEntry("MCPGATEWAY_RATE_LIMIT_MAX_CONCURRENT_CALLS", "64");
        assertThat(Compose.dependsOn(services.get("gateway"))).containsEntry("redis", "service_healthy");
    }

    @Test
    void publishesTheApiPortsButNeverTheManagementPorts() {
        for (String app : List.of("gateway", "tenant-admin")) {
            Map<String, String> env = Compose.environment(services.get(app));
            String management = env.get("MANAGEMENT_SERVER_PORT");
            assertThat(management).as(app + " MANAGEMENT_SERVER_PORT").isNotBlank().isNotEqualTo(env.get("PORT"));
            assertThat(Compose.ports(services.get(app))).as(app + " ports").isNotEmpty()
                    .noneSatisfy(port -> assertThat(port.replace("/tcp", "").split(":")).contains(management));
        }
    }

    @Test
    void bindsVaultToLoopbackOnly() {
        assertThat(Compose.ports(services.get("vault"))).isNotEmpty()
                .allSatisfy(port -> assertThat(port).startsWith("127.0.0.1:"));
    }

    @Test
    void pinsEveryImageAndToolServerVersion() {
        services.forEach((name, service) -> {
            Object image = ((Map<?, ?>) service).get("image");
            if (((Map<?, ?>) service).containsKey("build")) {
                return; // built from this repository
            }
            assertThat(String.valueOf(image)).as(name + " image").matches(".+:[^:/]+")
                    .doesNotEndWith(":main").doesNotEndWith(":latest");
        });
        for (String tools : List.of("tools-google", "tools-microsoft", "tools-company-c")) {
            assertThat(String.valueOf(((Map<?, ?>) services.get(tools)).get("command")))
                    .containsPattern("@modelcontextprotocol/server-filesystem@\\d");
        }
    }

    @Test
    void givesTheGatewayAFixedMcpSessionKeyOfAValidAesKeyLength() {
        String key = Compose.environment(services.get("gateway")).get("MCPGATEWAY_MCP_SESSION_KEY");

        assertThat(key).as("MCPGATEWAY_MCP_SESSION_KEY (GATEWAY_MCP_SESSION_KEY in .env)").isNotBlank();
        assertThat(Base64.getDecoder().decode(key).length).as("bytes of the decoded AES key").isIn(16, 24, 32);
    }

    @Test
    void setsOnlyVariablesTenantAdminReads() {
        Map<String, String> env = Compose.environment(services.get("tenant-admin"));

        assertThat(env.keySet()).allSatisfy(name -> assertThat(AppEnvironment.isRead(name, AppEnvironment.tenantAdmin()))
                .as(name + " is read by tenant-admin").isTrue());
        assertThat(env).containsKeys("DATABASE_URL", "DATABASE_USERNAME", "DATABASE_PASSWORD", "VAULT_ADDR", "VAULT_TOKEN",
                "ADMIN_BOOTSTRAP_USERNAME", "ADMIN_BOOTSTRAP_PASSWORD");
        assertThat(Compose.ports(services.get("tenant-admin"))).contains(env.get("PORT") + ":" + env.get("PORT"));
    }

    @Test
    void pointsBothAppsAtTheComposePostgresAndVault() {
        Map<String, String> postgres = Compose.environment(services.get("postgres"));
        Map<String, String> vault = Compose.environment(services.get("vault"));
        for (String app : List.of("gateway", "tenant-admin")) {
            Map<String, String> env = Compose.environment(services.get(app));
            assertThat(env.get("DATABASE_URL")).as(app).isEqualTo("jdbc:postgresql://postgres:5432/" + postgres.get("POSTGRES_DB"));
            assertThat(env.get("DATABASE_USERNAME")).as(app).isEqualTo(postgres.get("POSTGRES_USER"));
            assertThat(env.get("DATABASE_PASSWORD")).as(app).isEqualTo(postgres.get("POSTGRES_PASSWORD"));
            assertThat(env.get("VAULT_ADDR")).as(app).isEqualTo("http://vault:8200");
            assertThat(env.get("VAULT_TOKEN")).as(app).isEqualTo(vault.get("VAULT_DEV_ROOT_TOKEN_ID"));
        }
        assertThat(vault.get("VAULT_DEV_LISTEN_ADDRESS")).endsWith(":8200");
        assertThat(services.get("postgres")).containsKeys("healthcheck", "volumes");
    }

    @Test
    void startsTheGatewayAfterItsDependenciesAreReady() {
        assertThat(Compose.dependsOn(services.get("gateway")))
                .containsEntry("postgres", "service_healthy")
                .containsEntry("vault-init", "service_completed_successfully")
                .containsEntry("tenant-admin", "service_healthy");
        assertThat(Compose.dependsOn(services.get("tenant-admin")))
                .containsEntry("postgres", "service_healthy")
                .containsEntry("vault-init", "service_completed_successfully");
        assertThat(Compose.dependsOn(services.get("vault-init"))).containsEntry("vault", "service_healthy");
        assertThat(Compose.dependsOn(services.get("open-webui"))).containsEntry("gateway", "service_healthy");
    }

    @Test
    void connectsOpenWebUiToEveryDemoTenantThroughTheGatewayWithSignedIdentity() throws Exception {
        Map<String, String> webui = Compose.environment(services.get("open-webui"));
        Map<String, String> gateway = Compose.environment(services.get("gateway"));

        assertThat(webui).containsEntry("ENABLE_FORWARD_USER_INFO_HEADERS", "true")
                .containsEntry("FORWARD_USER_INFO_HEADER_JWT_SECRET", gateway.get("OPENWEBUI_JWT_SECRET"));
        JsonNode connections = JsonMapper.builder().build().readTree(webui.get("TOOL_SERVER_CONNECTIONS"));
        List<String> tenants = new ArrayList<>();
        for (JsonNode connection : connections) {
            URI url = URI.create(connection.path("url").asString());
            assertThat(url.getHost()).isEqualTo("gateway");
            assertThat(String.valueOf(url.getPort())).isEqualTo(gateway.get("PORT"));
            assertThat(url.getPath()).startsWith("/tools/");
            assertThat(connection.path("type").asString()).isEqualTo("openapi");
            assertThat(connection.path("path").asString()).isEqualTo("openapi.json");
            assertThat(connection.path("auth_type").asString()).isEqualTo("bearer");
            assertThat(connection.path("key").asString()).isEqualTo(gateway.get("MCPGATEWAY_CLIENT_KEYS"));
            assertThat(connection.path("config").path("enable").asBoolean()).isTrue();
            // without access_grants, Open WebUI >= 0.8.7 shows the connection's tools to admins only
            assertThat(connection.path("config").path("access_grants")).as("access_grants of " + url).singleElement()
                    .satisfies(grant -> {
                        assertThat(grant.path("principal_type").asString()).isEqualTo("user");
                        assertThat(grant.path("principal_id").asString()).isEqualTo("*");
                        assertThat(grant.path("permission").asString()).isEqualTo("read");
                    });
            assertThat(connection.path("info").path("id").asString()).isNotBlank();
            tenants.add(url.getPath().substring("/tools/".length()));
        }
        assertThat(tenants).containsExactlyElementsOf(composeTenants().keySet());
    }

    @Test
    void bootstrapsTheDemoTenantsWithBackendsOnTheComposeNetwork() throws Exception {
        Map<String, Map<String, Object>> compose = composeTenants();
        Map<String, Map<String, Object>> demo = tenants("gateway/src/main/resources/demo/tenants.yaml");

        assertThat(compose.keySet()).containsExactlyElementsOf(demo.keySet());
        compose.forEach((id, tenant) -> {
            Map<String, Object> withoutUrl = new LinkedHashMap<>(tenant);
            withoutUrl.remove("backendUrl");
            Map<String, Object> demoWithoutUrl = new LinkedHashMap<>(demo.get(id));
            demoWithoutUrl.remove("backendUrl");
            assertThat(withoutUrl).as("tenant " + id + " apart from its backend").isEqualTo(demoWithoutUrl);

            URI backend = URI.create(String.valueOf(tenant.get("backendUrl")));
            assertThat(services).as("backend of " + id).containsKey(backend.getHost());
            List<String> command = Compose.command(services.get(backend.getHost()));
            assertThat(command.get(command.indexOf("--port") + 1)).isEqualTo(String.valueOf(backend.getPort()));
        });
        List<Object> volumes = volumes(services.get("gateway"));
        assertThat(volumes).anySatisfy(v -> assertThat(String.valueOf(v))
                .contains("compose/tenants.yaml")
                .contains(Compose.environment(services.get("gateway")).get("MCPGATEWAY_BOOTSTRAP_FILE")));
    }

    @Test
    void storesEachTenantsBackendKeyInVaultWhereTheGatewayLooksForIt() throws Exception {
        String script = Files.readString(AppEnvironment.REPOSITORY.resolve("compose/vault-init.sh"));
        Map<String, String> vaultInit = Compose.environment(services.get("vault-init"));
        Matcher put = Pattern.compile("vault kv put secret/mcp-gateway/tenants/([a-z0-9-]+) \\\\\\s+api_key=\"\\$([A-Z_]+)\"")
                .matcher(script);
        Map<String, String> keyByTenant = new LinkedHashMap<>();
        while (put.find()) {
            keyByTenant.put(put.group(1), vaultInit.get(put.group(2)));
        }

        assertThat(keyByTenant.keySet()).containsExactlyElementsOf(composeTenants().keySet());
        composeTenants().forEach((id, tenant) -> {
            String backend = URI.create(String.valueOf(tenant.get("backendUrl"))).getHost();
            List<String> command = Compose.command(services.get(backend));
            assertThat(command.get(command.indexOf("--api-key") + 1)).as("key of " + backend)
                    .isNotBlank().isEqualTo(keyByTenant.get(id));
        });
        assertThat(vaultInit.get("VAULT_TOKEN")).isEqualTo(Compose.environment(services.get("vault")).get("VAULT_DEV_ROOT_TOKEN_ID"));
    }

    private static Map<String, Map<String, Object>> composeTenants() throws Exception {
        return tenants("compose/tenants.yaml");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Map<String, Object>> tenants(String file) throws Exception {
        Map<String, Object> root = new Yaml().load(Files.readString(AppEnvironment.REPOSITORY.resolve(file)));
        Map<String, Map<String, Object>> byId = new LinkedHashMap<>();
        for (Map<String, Object> tenant : (List<Map<String, Object>>) root.get("tenants")) {
            byId.put(String.valueOf(tenant.get("id")), tenant);
        }
        return byId;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> volumes(Map<String, Object> service) {
        List<Object> volumes = new ArrayList<>();
        for (Object volume : (List<Object>) service.getOrDefault("volumes", List.of())) {
            if (volume instanceof Map<?, ?> long_) {
                volumes.add(long_.get("source") + ":" + long_.get("target"));
            } else {
                volumes.add(volume);
            }
        }
        return volumes;
    }
}
