package dev.mcpgateway.demo;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * The demo tenants of compose ({@code compose/tenants.yaml}: tenants, members, tool rules), with each backend moved
 * to the demo's own tool server; written as the gateway's bootstrap file. The gateway validates the file itself.
 */
final class DemoTenants {

    /** A tenant as the demo needs it: its id, name and members (e-mail → access level). */
    record Tenant(String id, String displayName, Map<String, String> members) {
    }

    private final List<Map<String, Object>> tenants;

    private DemoTenants(List<Map<String, Object>> tenants) {
        this.tenants = tenants;
    }

    @SuppressWarnings("unchecked")
    static DemoTenants read(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new DemoRefusal("no tenants file at " + file.toAbsolutePath() + ": run ./demo from the repository root");
        }
        try (Reader reader = Files.newBufferedReader(file)) {
            Map<String, Object> root = new Yaml(new SafeConstructor(new LoaderOptions())).load(reader);
            return new DemoTenants((List<Map<String, Object>>) root.get("tenants"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    List<Tenant> tenants() {
        List<Tenant> result = new ArrayList<>();
        for (Map<String, Object> tenant : tenants) {
            Map<String, String> members = new LinkedHashMap<>();
            for (Map<String, Object> member : (List<Map<String, Object>>) tenant.getOrDefault("members", List.of())) {
                members.put(String.valueOf(member.get("email")), String.valueOf(member.get("accessLevel")));
            }
            result.add(new Tenant(String.valueOf(tenant.get("id")), String.valueOf(tenant.get("displayName")), members));
        }
        return result;
    }

    /** Every demo person with their tenants and levels, in the file's order. */
    Map<String, Map<String, String>> people() {
        Map<String, Map<String, String>> people = new LinkedHashMap<>();
        for (Tenant tenant : tenants()) {
            tenant.members().forEach((email, level) ->
                    people.computeIfAbsent(email, e -> new LinkedHashMap<>()).put(tenant.id(), level));
        }
        return people;
    }

    /** Writes the bootstrap file with each tenant's backend pointing at its demo tool server. */
    Path writeBootstrapFile(Path file, List<DemoToolServers.ToolServer> servers) {
        List<Map<String, Object>> rewritten = new ArrayList<>();
        for (Map<String, Object> tenant : tenants) {
            Map<String, Object> copy = new LinkedHashMap<>(tenant);
            DemoToolServers.ToolServer server = servers.stream().filter(s -> s.tenant().equals(tenant.get("id")))
                    .findFirst().orElseThrow();
            copy.put("backendUrl", server.url());
            copy.put("backendType", server.type());
            rewritten.add(copy);
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        try {
            Files.writeString(file, "# Written by ./demo from compose/tenants.yaml; backends are the demo's tool servers.\n"
                    + new Yaml(options).dump(Map.of("tenants", rewritten)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
