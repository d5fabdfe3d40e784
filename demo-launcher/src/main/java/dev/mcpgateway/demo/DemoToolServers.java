package dev.mcpgateway.demo;

import dev.mcpgateway.testing.FakeMcpoServer;
import dev.mcpgateway.testing.InTestMcpServer;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * One tool server per demo tenant, in this JVM: mcpo-style OpenAPI servers, and a native MCP server for
 * {@value #MCP_TENANT}. Each demands its tenant's own API key ({@code Authorization: Bearer <key>}, 401 otherwise);
 * only Vault holds the keys, so a call succeeds only when the gateway injected them.
 */
final class DemoToolServers implements AutoCloseable {

    /** The demo tenant served by a native MCP server (the others are OpenAPI tool servers, as in compose). */
    static final String MCP_TENANT = "microsoft";

    /** A running tool server: where it listens and the key it demands. */
    record ToolServer(String tenant, String type, String url, String apiKey) {
    }

    private final List<ToolServer> servers = new ArrayList<>();
    private final List<AutoCloseable> running = new ArrayList<>();

    static DemoToolServers start(List<DemoTenants.Tenant> tenants) {
        DemoToolServers started = new DemoToolServers();
        for (DemoTenants.Tenant tenant : tenants) {
            String apiKey = randomKey();
            DemoFiles files = new DemoFiles(tenant.displayName());
            if (MCP_TENANT.equals(tenant.id())) {
                InTestMcpServer mcp = mcpServer(files).requireHeader("Authorization", "Bearer " + apiKey);
                started.running.add(mcp);
                started.servers.add(new ToolServer(tenant.id(), "mcp", mcp.endpoint(), apiKey));
            } else {
                FakeMcpoServer openapi = FakeMcpoServer.start()
                        .requireHeader("Authorization", "Bearer " + apiKey)
                        .answer("read_file", arguments -> files.read(arguments.get("path")))
                        .answer("write_file", arguments -> files.write(arguments.get("path"), arguments.get("content")))
                        .answer("list_allowed_directories", arguments -> "Allowed directories:\n" + DemoFiles.DIRECTORY);
                started.running.add(openapi);
                started.servers.add(new ToolServer(tenant.id(), "openapi", openapi.url(), apiKey));
            }
        }
        return started;
    }

    List<ToolServer> servers() {
        return List.copyOf(servers);
    }

    @Override
    public void close() throws Exception {
        for (AutoCloseable server : running) {
            server.close();
        }
    }

    private static InTestMcpServer mcpServer(DemoFiles files) {
        Map<String, Object> path = Map.of("type", "string", "description", "absolute path, e.g. " + DemoFiles.WELCOME);
        return InTestMcpServer.start()
                .tool("read_file", "Read the complete contents of a file.",
                        Map.of("type", "object", "properties", Map.of("path", path), "required", List.of("path")), true,
                        arguments -> InTestMcpServer.text(files.read(arguments.get("path"))))
                .tool("write_file", "Create a new file or overwrite an existing one.",
                        Map.of("type", "object", "properties", Map.of("path", path, "content", Map.of("type", "string")),
                                "required", List.of("path", "content")), false,
                        arguments -> InTestMcpServer.text(files.write(arguments.get("path"), arguments.get("content"))))
                .tool("list_directory", "List the files of the tenant's directory.",
                        Map.of("type", "object", "properties", Map.of()), true,
                        arguments -> InTestMcpServer.text(String.join("\n", files.list())));
    }

    static String randomKey() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }
}
