package dev.mcpgateway.gateway;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.ArrayList;
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

    private static final JavaClasses GATEWAY = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void lowerPackagesNeverUseHigherOnes() {
        layers().check(GATEWAY);
    }

    @Test
    void everyClassLivesInALayerOrTheApplicationsRoot() {
        List<String> packages = new ArrayList<>(List.of(ROOT));
        LAYERS.forEach(level -> level.forEach(name -> packages.add(ROOT + "." + name + "..")));
        classes().should().resideInAnyPackage(packages.toArray(String[]::new)).check(GATEWAY);
    }

    @Test
    void packagesHaveNoDependencyCycles() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(GATEWAY);
    }

    private static LayeredArchitecture layers() {
        LayeredArchitecture layers = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (List<String> level : LAYERS) {
            for (String name : level) {
                layers = layers.layer(name).definedBy(ROOT + "." + name + "..");
            }
        }
        for (int i = 0; i < LAYERS.size(); i++) {
            List<String> higher = new ArrayList<>();
            LAYERS.subList(i + 1, LAYERS.size()).forEach(higher::addAll);
            for (String name : LAYERS.get(i)) {
                layers = higher.isEmpty()
                        ? layers.whereLayer(name).mayNotBeAccessedByAnyLayer()
                        : layers.whereLayer(name).mayOnlyBeAccessedByLayers(higher.toArray(String[]::new));
            }
        }
        return layers;
    }
}
