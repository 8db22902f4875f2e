package no.katapult.launcher;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * Imports go one way: the launcher's root package uses its sub-packages, never the reverse, and the
 * sub-packages form no cycle among themselves. Together that is "no package cycle", the rule common's
 * ArchitectureRules checks for the services; the launcher cannot use common's test-jar, because
 * {@code ./catapult} builds it alone before the services.
 */
class ArchitectureTest {

    private static final String ROOT = "no.katapult.launcher";

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(ROOT);

    @Test
    void noSubPackageUsesTheRootPackage() {
        noClasses().that().resideInAPackage(ROOT + ".*..")
                .should().dependOnClassesThat().resideInAPackage(ROOT)
                .check(classes);
    }

    @Test
    void subPackagesAreFreeOfCycles() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }
}
