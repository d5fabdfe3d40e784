package dev.mcpgateway.testing;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import java.util.ArrayList;
import java.util.List;

/**
 * An application's packages as layers, lowest first, and the three ArchUnit rules both apps' layering tests check:
 * a package uses only packages listed before it (never a neighbour on its own line), every class lives in a listed
 * package or the root, and packages have no cycles.
 */
public final class PackageLayers {

    private final String root;
    private final List<List<String>> layers;
    private final JavaClasses classes;

    /** @param layers lowest first; packages on one line are neighbours that may not use each other */
    public PackageLayers(String root, List<List<String>> layers) {
        this.root = root;
        this.layers = layers;
        this.classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(root);
    }

    public void checkLowerPackagesNeverUseHigherOnes() {
        LayeredArchitecture architecture = layeredArchitecture().consideringOnlyDependenciesInLayers();
        for (List<String> level : layers) {
            for (String name : level) {
                architecture = architecture.layer(name).definedBy(root + "." + name + "..");
            }
        }
        for (int i = 0; i < layers.size(); i++) {
            List<String> higher = new ArrayList<>();
            layers.subList(i + 1, layers.size()).forEach(higher::addAll);
            for (String name : layers.get(i)) {
                architecture = higher.isEmpty()
                        ? architecture.whereLayer(name).mayNotBeAccessedByAnyLayer()
                        : architecture.whereLayer(name).mayOnlyBeAccessedByLayers(higher.toArray(String[]::new));
            }
        }
        architecture.check(classes);
    }

    public void checkEveryClassLivesInALayerOrTheRoot() {
        List<String> packages = new ArrayList<>(List.of(root));
        layers.forEach(level -> level.forEach(name -> packages.add(root + "." + name + "..")));
        classes().should().resideInAnyPackage(packages.toArray(String[]::new)).check(classes);
    }

    public void checkNoDependencyCycles() {
        slices().matching(root + ".(**)").should().beFreeOfCycles().check(classes);
    }
}
