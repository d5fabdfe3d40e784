package dev.mcpgateway.gateway.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mcpgateway.gateway.DemoTenantsFile;
import dev.mcpgateway.gateway.config.GatewayProperties;
import dev.mcpgateway.gateway.config.TestGatewayProperties;
import dev.mcpgateway.gateway.directory.TenancySnapshot;
import dev.mcpgateway.gateway.directory.TenancySnapshotLoader;
import dev.mcpgateway.policy.AccessLevel;
import dev.mcpgateway.testing.TestPostgres;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** The bootstrap file against a real, migrated Postgres: idempotent, exact for listed tenants, fast at scale. */
class BootstrapFileApplierIntegrationTests {

    private JdbcTemplate jdbc;

    @BeforeEach
    void freshDatabase() {
        DataSource dataSource = TestPostgres.dataSource(TestPostgres.freshDatabaseUrl());
        Flyway.configure().dataSource(dataSource).load().migrate();
        jdbc = new JdbcTemplate(dataSource);
    }

    @Test
    void appliesTheShippedDemoFile() {
        applier(DemoTenantsFile.write(DemoTenantsFile.text())).afterPropertiesSet();

        TenancySnapshot snapshot = new TenancySnapshotLoader(jdbc).load();
        assertThat(snapshot.tenants()).containsOnlyKeys("google", "microsoft", "company-c");
        assertThat(snapshot.tenantsOf("john@company.com"))
                .containsExactlyInAnyOrderEntriesOf(Map.of("google", AccessLevel.WRITE, "microsoft", AccessLevel.WRITE));
        assertThat(snapshot.tenantsOf("admin@company.com")).hasSize(3).containsValue(AccessLevel.ADMIN);
        assertThat(snapshot.tenantsOf("sarah@google.com")).containsOnlyKeys("google");
        assertThat(snapshot.tenantsOf("mike@microsoft.com")).containsOnlyKeys("microsoft");
        assertThat(snapshot.tenantsOf("alice@companyc.com")).containsOnlyKeys("company-c");
        assertThat(snapshot.tenant("google").orElseThrow().policy().requirementFor("move_file").level().value())
                .isEqualTo("admin");
    }

    @Test
    void fingerprintsEqualContentEquallyAndAnyChangeDifferently() {
        applier(DemoTenantsFile.write(DemoTenantsFile.text())).afterPropertiesSet();
        TenancySnapshotLoader loader = new TenancySnapshotLoader(jdbc);
        long first = loader.loadWithFingerprint().fingerprint();

        assertThat(loader.loadWithFingerprint().fingerprint()).isEqualTo(first);
        jdbc.update("UPDATE tenant_member SET access_level = 'read' WHERE email = 'sarah@google.com'");
        long changed = loader.loadWithFingerprint().fingerprint();
        assertThat(changed).isNotEqualTo(first);
        jdbc.update("UPDATE tenant_member SET access_level = 'write' WHERE email = 'sarah@google.com'");
        assertThat(loader.loadWithFingerprint().fingerprint()).isEqualTo(first);
    }

    @Test
    void applyingTheSameFileTwiceChangesNothing() {
        Path file = DemoTenantsFile.write(DemoTenantsFile.text());
        applier(file).afterPropertiesSet();
        List<Map<String, Object>> before = everyRow();

        applier(file).afterPropertiesSet();

        assertThat(everyRow()).isEqualTo(before);
    }

    @Test
    void makesListedTenantsExactlyWhatTheFileSaysAndLeavesOthersAlone() {
        applier(DemoTenantsFile.write(DemoTenantsFile.text())).afterPropertiesSet();
        jdbc.update("INSERT INTO tenant (id, display_name, backend_url) VALUES ('acme', 'Acme', 'http://127.0.0.1:9')");
        jdbc.update("INSERT INTO tenant_member (tenant_id, email, access_level) VALUES ('acme', 'bob@acme.io', 'read')");
        String edited = DemoTenantsFile.text()
                .replace("      - { email: sarah@google.com, accessLevel: write }\n", "")
                .replace("      - { tool: move_file, level: admin }\n", "")
                .replace("{ email: testuser@google.com, accessLevel: write }", "{ email: TestUser@Google.com, accessLevel: read }")
                .replace("displayName: Microsoft", "displayName: Microsoft Corp");

        applier(DemoTenantsFile.write(edited)).afterPropertiesSet();

        TenancySnapshot snapshot = new TenancySnapshotLoader(jdbc).load();
        assertThat(snapshot.levelOf("sarah@google.com", "google")).isNull();
        assertThat(snapshot.levelOf("testuser@google.com", "google")).isEqualTo(AccessLevel.READ);
        assertThat(snapshot.tenant("google").orElseThrow().policy().requirementFor("move_file").source())
                .isEqualTo("tenant default");
        assertThat(snapshot.tenant("microsoft").orElseThrow().displayName()).isEqualTo("Microsoft Corp");
        assertThat(snapshot.levelOf("bob@acme.io", "acme")).isEqualTo(AccessLevel.READ);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM tenant_member WHERE lower(email) = 'testuser@google.com'",
                Integer.class)).isEqualTo(1);
    }

    @Test
    void setsToolLevelsFromAnnotationsAsTheFileSaysAndBackToFalseWhenTheFieldGoes() {
        String withFlag = """
                tenants:
                  - id: files
                    displayName: Files
                    backendUrl: http://127.0.0.1:9/mcp
                    backendType: mcp
                    toolLevelsFromAnnotations: true
                  - id: plain
                    displayName: Plain
                    backendUrl: http://127.0.0.1:9/mcp
                    backendType: mcp
                """;
        applier(DemoTenantsFile.write(withFlag)).afterPropertiesSet();
        assertThat(fromAnnotations()).containsExactly(Map.entry("files", true), Map.entry("plain", false));
        assertThat(new TenancySnapshotLoader(jdbc).load().tenant("files").orElseThrow().toolLevelsFromAnnotations())
                .isTrue();
        List<Map<String, Object>> before = everyRow();

        applier(DemoTenantsFile.write(withFlag)).afterPropertiesSet();
        assertThat(everyRow()).as("the same file again rewrites nothing").isEqualTo(before);

        applier(DemoTenantsFile.write(withFlag.replace("    toolLevelsFromAnnotations: true\n", ""))).afterPropertiesSet();
        assertThat(fromAnnotations()).containsExactly(Map.entry("files", false), Map.entry("plain", false));
    }

    @Test
    void storesTheRateLimitBlockIdempotentlyAndBackToGatewayDefaultsWhenTheBlockGoes() {
        String limited = """
                tenants:
                  - id: files
                    displayName: Files
                    backendUrl: http://127.0.0.1:9/mcp
                    rateLimit:
                      perUser: { requestsPerSecond: 20, burst: 40 }
                      tenant: { requestsPerSecond: 200, burst: 400 }
                      maxConcurrentCalls: 64
                      maxResponseBytes: 16777216
                  - id: plain
                    displayName: Plain
                    backendUrl: http://127.0.0.1:9/mcp
                """;
        applier(DemoTenantsFile.write(limited)).afterPropertiesSet();
        assertThat(limitsOf("files")).containsExactly(20, 40, 200, 400, 64, 16_777_216L);
        assertThat(limitsOf("plain")).containsOnlyNulls();
        List<Map<String, Object>> before = everyRow();

        applier(DemoTenantsFile.write(limited)).afterPropertiesSet();
        assertThat(everyRow()).as("the same file again rewrites nothing").isEqualTo(before);

        applier(DemoTenantsFile.write(limited.replace("      maxConcurrentCalls: 64\n", "")))
                .afterPropertiesSet();
        assertThat(limitsOf("files")).containsExactly(20, 40, 200, 400, null, 16_777_216L);

        String withoutBlock = limited.substring(0, limited.indexOf("    rateLimit:"))
                + limited.substring(limited.indexOf("  - id: plain"));
        applier(DemoTenantsFile.write(withoutBlock)).afterPropertiesSet();
        assertThat(limitsOf("files")).containsOnlyNulls();
    }

    @Test
    void appliesTenThousandTenantsInOneGo() {
        StringBuilder file = new StringBuilder("tenants:\n");
        for (int i = 0; i < 10_000; i++) {
            file.append("  - id: tenant-").append(i).append('\n')
                    .append("    displayName: Tenant ").append(i).append('\n')
                    .append("    backendUrl: http://127.0.0.1:").append(10_000 + i % 50_000).append('\n')
                    .append("    members:\n")
                    .append("      - { email: user-").append(i).append("@example.com, accessLevel: write }\n")
                    .append("      - { email: ops@example.com, accessLevel: admin }\n")
                    .append("    toolRules:\n")
                    .append("      - { tool: 'delete_*', level: deny }\n");
        }
        Path path = DemoTenantsFile.write(file.toString());
        long started = System.nanoTime();

        applier(path).afterPropertiesSet();
        applier(path).afterPropertiesSet();
        TenancySnapshot snapshot = new TenancySnapshotLoader(jdbc).load();

        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(snapshot.tenants()).hasSize(10_000);
        assertThat(snapshot.tenantsOf("ops@example.com")).hasSize(10_000);
        assertThat(snapshot.levelOf("user-9999@example.com", "tenant-9999")).isEqualTo(AccessLevel.WRITE);
        assertThat(jdbc.queryForObject("SELECT count(*) FROM tool_rule", Integer.class)).isEqualTo(10_000);
        assertThat(took).as("two applies and a load of 10,000 tenants").isLessThan(Duration.ofMinutes(2));
    }

    @Test
    void changesNothingWhenTheDatabaseRejectsPartOfTheFile() {
        applier(DemoTenantsFile.write(DemoTenantsFile.text())).afterPropertiesSet();
        jdbc.execute("""
                CREATE FUNCTION refuse_explode() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    IF NEW.tool = 'explode' THEN RAISE EXCEPTION 'refused by test trigger'; END IF;
                    RETURN NEW;
                END $$""");
        jdbc.execute("CREATE TRIGGER refuse_explode BEFORE INSERT ON tool_rule FOR EACH ROW EXECUTE FUNCTION refuse_explode()");
        List<Map<String, Object>> before = everyRow();
        String bad = DemoTenantsFile.text().replace("displayName: Microsoft", "displayName: Microsoft Corp")
                .replace("      - { email: sarah@google.com, accessLevel: write }\n", "")
                .replace("      - { tool: edit_file, level: write }\n  - id: company-c",
                        "      - { tool: edit_file, level: write }\n      - { tool: explode, level: write }\n  - id: company-c");

        assertThatThrownBy(() -> applier(DemoTenantsFile.write(bad)).afterPropertiesSet())
                .isInstanceOf(BootstrapFileException.class)
                .hasMessageContaining("refused by test trigger");

        assertThat(everyRow()).isEqualTo(before);
    }

    private BootstrapFileApplier applier(Path file) {
        GatewayProperties properties = TestGatewayProperties.bind(Map.of("mcpgateway.bootstrap.file", file.toString()));
        return new BootstrapFileApplier(jdbc, properties);
    }

    private Map<String, Boolean> fromAnnotations() {
        Map<String, Boolean> flags = new LinkedHashMap<>();
        jdbc.query("SELECT id, tool_levels_from_annotations FROM tenant ORDER BY id",
                (ResultSet rs) -> { flags.put(rs.getString(1), rs.getBoolean(2)); });
        return flags;
    }

    private List<Object> limitsOf(String tenant) {
        return jdbc.queryForList("""
                SELECT rate_limit_per_user_rps, rate_limit_per_user_burst, rate_limit_tenant_rps, rate_limit_tenant_burst,
                       max_concurrent_calls, max_response_bytes FROM tenant WHERE id = ?""", tenant)
                .get(0).values().stream().toList();
    }

    private List<Map<String, Object>> everyRow() {
        return jdbc.queryForList("""
                SELECT 'tenant' AS t, id AS k, display_name || backend_url || backend_type || enabled || default_tool_level
                       || tool_levels_from_annotations AS v,
                       updated_at FROM tenant
                UNION ALL SELECT 'member', tenant_id || ' ' || email, access_level, updated_at FROM tenant_member
                UNION ALL SELECT 'rule', tenant_id || ' ' || tool, level, updated_at FROM tool_rule
                ORDER BY 1, 2""");
    }
}
