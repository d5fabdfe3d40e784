package dev.mcpgateway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

class DemoTenantsTests {

    static final Path COMPOSE_TENANTS = Paths.get(System.getProperty("repository.root", ".."), "compose/tenants.yaml");

    @Test
    void listsTheComposeFilesPeopleWithTheirTenantsAndLevels() {
        Map<String, Map<String, String>> people = DemoTenants.read(COMPOSE_TENANTS).people();

        assertThat(people.get("john@company.com")).containsExactly(Map.entry("google", "write"), Map.entry("microsoft", "write"));
        assertThat(people.get("alice@companyc.com")).containsExactly(Map.entry("company-c", "write"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void movesEveryBackendToItsDemoToolServerAndKeepsMembersAndRules(@TempDir Path work) throws Exception {
        List<DemoToolServers.ToolServer> servers = List.of(
                new DemoToolServers.ToolServer("google", "openapi", "http://127.0.0.1:1001", "k1"),
                new DemoToolServers.ToolServer("microsoft", "mcp", "http://127.0.0.1:1002/mcp", "k2"),
                new DemoToolServers.ToolServer("company-c", "openapi", "http://127.0.0.1:1003", "k3"));

        Path file = DemoTenants.read(COMPOSE_TENANTS).writeBootstrapFile(work.resolve("tenants.yaml"), servers);

        List<Map<String, Object>> tenants = (List<Map<String, Object>>) new Yaml().<Map<String, Object>>load(Files.readString(file)).get("tenants");
        assertThat(tenants).extracting(t -> t.get("id"), t -> t.get("backendUrl"), t -> t.get("backendType")).containsExactly(
                org.assertj.core.groups.Tuple.tuple("google", "http://127.0.0.1:1001", "openapi"),
                org.assertj.core.groups.Tuple.tuple("microsoft", "http://127.0.0.1:1002/mcp", "mcp"),
                org.assertj.core.groups.Tuple.tuple("company-c", "http://127.0.0.1:1003", "openapi"));
        assertThat(tenants.get(0).get("toolRules")).asList().hasSize(4);
        assertThat(Files.readString(file)).doesNotContain("k1").doesNotContain("k2");
    }

    @Test
    void refusesClearlyWhenRunOutsideTheRepository(@TempDir Path elsewhere) {
        assertThatThrownBy(() -> DemoTenants.read(elsewhere.resolve("compose/tenants.yaml")))
                .isInstanceOf(DemoRefusal.class).hasMessageContaining("run ./demo from the repository root");
    }
}
