package dev.mcpgateway.gateway.mcp.server;

import dev.mcpgateway.gateway.directory.BackendType;
import dev.mcpgateway.gateway.directory.TenancySnapshot;
import dev.mcpgateway.gateway.directory.Tenant;
import dev.mcpgateway.gateway.directory.TenantDirectory;
import dev.mcpgateway.policy.AccessLevel;
import dev.mcpgateway.policy.RuleLevel;
import dev.mcpgateway.policy.TenantPolicy;
import dev.mcpgateway.policy.ToolRule;
import dev.mcpgateway.testing.InTestMcpServer;
import dev.mcpgateway.testing.TestPostgres;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Not a test: measures a chat turn against {@code /mcp} for a user who belongs to 10 tenants with 10 tools each, on
 * loopback, in both protocol eras: 2025 (what Open WebUI does: a new session, initialize, notifications/initialized,
 * tools/list) and 2026-07-28 (server/discover once, then one stateless tools/list per turn). Prints p50/p90/p99 per
 * turn and checks that no backend was asked during the measurement (everything from cache). Run with
 * {@code bench/mcp-session.sh}.
 */
public final class McpSessionBenchmark {

    private static final String USER = "bench@example.com";

    public static void main(String[] args) {
        int tenants = Integer.getInteger("tenants", 10);
        int toolsPerTenant = Integer.getInteger("tools", 10);
        int warmup = Integer.getInteger("warmup", 500);
        int turns = Integer.getInteger("turns", 2000);
        List<InTestMcpServer> backends = new ArrayList<>();
        Map<String, Tenant> tenantsById = new LinkedHashMap<>();
        Map<String, AccessLevel> memberships = new HashMap<>();
        for (int t = 0; t < tenants; t++) {
            InTestMcpServer backend = InTestMcpServer.start();
            for (int i = 0; i < toolsPerTenant; i++) {
                backend.tool("tool_" + i, "Tool number " + i + " of this tenant, with a realistic description length",
                        Map.of("type", "object", "properties", Map.of("path", Map.of("type", "string")),
                                "required", List.of("path")), i % 2 == 0, a -> InTestMcpServer.text("ok"));
            }
            backends.add(backend);
            String id = "tenant-" + t;
            tenantsById.put(id, new Tenant(id, "Tenant " + t, URI.create(backend.endpoint()), BackendType.MCP, true,
                    false, new TenantPolicy(AccessLevel.READ, List.of(new ToolRule("tool_9", RuleLevel.ADMIN)))));
            memberships.put(id, AccessLevel.WRITE);
        }
        GatewayInstance gateway = GatewayInstance.start(TestPostgres.freshDatabaseUrl(),
                Map.of("logging.level.root", "WARN", "logging.level.dev.mcpgateway", "WARN"));
        try {
            gateway.bean(TenantDirectory.class).replace(new TenancySnapshot(tenantsById, Map.of(USER, memberships), Map.of()));
            int listed = turn(gateway.baseUrl());
            System.out.printf("user in %d tenants sees %d tools per tools/list%n", tenants, listed);
            for (int i = 0; i < warmup; i++) {
                turn(gateway.baseUrl());
            }
            int backendListsBefore = backends.stream().mapToInt(InTestMcpServer::toolsListCount).sum();
            long[] nanos = new long[turns];
            long[] initializeNanos = new long[turns];
            long[] listNanos = new long[turns];
            for (int i = 0; i < turns; i++) {
                long start = System.nanoTime();
                McpTestClient client = new McpTestClient(gateway.baseUrl(), "/mcp", USER);
                client.initialize();
                long initialized = System.nanoTime();
                client.listTools();
                long end = System.nanoTime();
                nanos[i] = end - start;
                initializeNanos[i] = initialized - start;
                listNanos[i] = end - initialized;
            }
            int backendListsDuring = backends.stream().mapToInt(InTestMcpServer::toolsListCount).sum() - backendListsBefore;
            Arrays.sort(nanos);
            Arrays.sort(initializeNanos);
            Arrays.sort(listNanos);
            System.out.printf("turns=%d (initialize + notifications/initialized + tools/list, sequential, loopback)%n", turns);
            System.out.printf("per turn: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n", ms(nanos, 0.50),
                    ms(nanos, 0.90), ms(nanos, 0.99), nanos[nanos.length - 1] / 1e6);
            System.out.printf("per turn: initialize + initialized p50 %.2f ms, tools/list p50 %.2f ms (p99 %.2f ms)%n",
                    ms(initializeNanos, 0.50), ms(listNanos, 0.50), ms(listNanos, 0.99));
            System.out.printf("backend tools/list requests during the measurement: %d%n", backendListsDuring);
            modernTurns(gateway.baseUrl(), warmup, turns, backends);
        } finally {
            gateway.close();
            backends.forEach(InTestMcpServer::close);
        }
        System.exit(0);
    }

    /** The stateless chat turn: {@code server/discover} once, then one {@code tools/list} per turn, no session. */
    private static void modernTurns(String baseUrl, int warmup, int turns, List<InTestMcpServer> backends) {
        McpTestClient client = new McpTestClient(baseUrl, "/mcp", USER);
        if (client.modern("server/discover", Map.of()).status() != 200) {
            throw new IllegalStateException("server/discover failed");
        }
        for (int i = 0; i < warmup; i++) {
            client.modern("tools/list", Map.of());
        }
        int backendListsBefore = backends.stream().mapToInt(InTestMcpServer::toolsListCount).sum();
        long[] nanos = new long[turns];
        int listed = 0;
        for (int i = 0; i < turns; i++) {
            long start = System.nanoTime();
            listed = client.modern("tools/list", Map.of()).json().path("result").path("tools").size();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        System.out.printf("modern turns=%d (2026-07-28: server/discover once, then tools/list per turn; %d tools)%n",
                turns, listed);
        System.out.printf("modern per turn: p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms%n", ms(nanos, 0.50),
                ms(nanos, 0.90), ms(nanos, 0.99), nanos[nanos.length - 1] / 1e6);
        System.out.printf("modern backend tools/list requests during the measurement: %d%n",
                backends.stream().mapToInt(InTestMcpServer::toolsListCount).sum() - backendListsBefore);
    }

    /** One chat turn as Open WebUI does it; returns the number of tools listed. */
    private static int turn(String baseUrl) {
        McpTestClient client = new McpTestClient(baseUrl, "/mcp", USER);
        client.initialize();
        return client.listTools().path("result").path("tools").size();
    }

    private static double ms(long[] sorted, double quantile) {
        return sorted[(int) Math.min(sorted.length - 1, Math.round(quantile * (sorted.length - 1)))] / 1e6;
    }
}
