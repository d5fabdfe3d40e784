package dev.mcpgateway.gateway;

import dev.mcpgateway.testing.PackageLayers;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The gateway's packages in the request's direction, lowest first: each may use the ones listed before it, never one
 * after it nor a neighbour on its own line. Reading the list top-down follows a call from arrival to audit.
 */
class GatewayLayeringTests {

    private static final String ROOT = "dev.mcpgateway.gateway";

    /** Lowest first; packages on one line are neighbours that may not use each other. */
    static final List<List<String>> LAYERS = List.of(
            List.of("config"),
            List.of("error"),
            List.of("directory"),
            List.of("identity"),
            List.of("membership"),
            List.of("limit"),
            List.of("credential"),
            List.of("openapi", "mcp.backend"),
            // Below the MCP server because /mcp records its tools/call itself; audit only reads what happened.
            List.of("audit"),
            List.of("mcp.bridge", "mcp.server"),
            List.of("route"),
            List.of("system"),
            List.of("bootstrap"));

    private static final PackageLayers PACKAGES = new PackageLayers(ROOT, LAYERS);

    @Test
    void lowerPackagesNeverUseHigherOnes() {
        PACKAGES.checkLowerPackagesNeverUseHigherOnes();
    }

    @Test
    void everyClassLivesInALayerOrTheApplicationsRoot() {
        PACKAGES.checkEveryClassLivesInALayerOrTheRoot();
    }

    @Test
    void packagesHaveNoDependencyCycles() {
        PACKAGES.checkNoDependencyCycles();
    }
}
