package dev.mcpgateway.admin;

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

    private static final JavaClasses ADMIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(ROOT);

    @Test
    void lowerPackagesNeverUseHigherOnes() {
        layers().check(ADMIN);
    }

    @Test
    void everyClassLivesInALayerOrTheApplicationsRoot() {
        List<String> packages = new ArrayList<>(List.of(ROOT));
        LAYERS.forEach(level -> level.forEach(name -> packages.add(ROOT + "." + name + "..")));
        classes().should().resideInAnyPackage(packages.toArray(String[]::new)).check(ADMIN);
    }

    @Test
    void packagesHaveNoDependencyCycles() {
        slices().matching(ROOT + ".(**)").should().beFreeOfCycles().check(ADMIN);
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
