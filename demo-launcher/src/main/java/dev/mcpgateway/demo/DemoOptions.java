package dev.mcpgateway.demo;

import java.nio.file.Path;
import java.util.List;

/**
 * The command line of {@code ./demo}: {@code --gateway-port=8080 --admin-port=8090} (the compose ports), the two
 * packaged apps and the tenants file (defaults relative to the repository root, where {@code ./demo} runs).
 */
record DemoOptions(int gatewayPort, int adminPort, Path gatewayJar, Path adminJar, Path tenantsFile) {

    static final String USAGE = """
            usage: ./demo [--gateway-port=8080] [--admin-port=8090] [--gateway-jar=gateway/target/gateway-0.1.0-SNAPSHOT.jar]
                          [--tenant-admin-jar=tenant-admin/target/tenant-admin-0.1.0-SNAPSHOT.jar] [--tenants=compose/tenants.yaml]""";

    static DemoOptions parse(List<String> args) {
        int gatewayPort = 8080;
        int adminPort = 8090;
        Path gatewayJar = Path.of("gateway/target/gateway-0.1.0-SNAPSHOT.jar");
        Path adminJar = Path.of("tenant-admin/target/tenant-admin-0.1.0-SNAPSHOT.jar");
        Path tenants = Path.of("compose/tenants.yaml");
        for (String arg : args) {
            int equals = arg.indexOf('=');
            String name = equals < 0 ? arg : arg.substring(0, equals);
            String value = equals < 0 ? "" : arg.substring(equals + 1);
            switch (name) {
                case "--gateway-port" -> gatewayPort = port(name, value);
                case "--admin-port" -> adminPort = port(name, value);
                case "--gateway-jar" -> gatewayJar = Path.of(value);
                case "--tenant-admin-jar" -> adminJar = Path.of(value);
                case "--tenants" -> tenants = Path.of(value);
                case "--help", "-h" -> throw new DemoRefusal(USAGE);
                default -> throw new DemoRefusal("unknown option '" + arg + "'\n" + USAGE);
            }
        }
        if (gatewayPort == adminPort) {
            throw new DemoRefusal("--gateway-port and --admin-port must differ (both " + gatewayPort + ")");
        }
        return new DemoOptions(gatewayPort, adminPort, gatewayJar, adminJar, tenants);
    }

    private static int port(String option, String value) {
        try {
            int port = Integer.parseInt(value);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException notANumber) {
            // refused below with the option's name
        }
        throw new DemoRefusal(option + " must be a port between 1 and 65535 (was '" + value + "')");
    }
}
