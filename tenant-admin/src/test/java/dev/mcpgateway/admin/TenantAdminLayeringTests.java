package dev.mcpgateway.admin;

import dev.mcpgateway.testing.PackageLayers;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The tenant-admin's feature packages, lowest first: each may use the ones listed before it, never one after it nor a
 * neighbour on its own line. {@code system} is the shared plumbing every screen and API uses.
 */
class TenantAdminLayeringTests {

    private static final String ROOT = "dev.mcpgateway.admin";

    /** Lowest first; packages on one line are neighbours that may not use each other. */
    static final List<List<String>> LAYERS = List.of(
            List.of("system"),
            List.of("audit"),
            List.of("tenant", "signin"),
            List.of("member", "toolrule", "credential", "client", "account"),
            List.of("access"));

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
