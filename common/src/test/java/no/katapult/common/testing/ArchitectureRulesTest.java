package no.katapult.common.testing;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertThrows;

class ArchitectureRulesTest {

    private static final String FIXTURES = "no.katapult.common.testing.fixture";

    @Test
    void aCycleBetweenTheRootAndASubPackageFails() {
        JavaClasses classes = new ClassFileImporter().importPackages(FIXTURES + ".cyclic");
        assertThrows(AssertionError.class,
                () -> ArchitectureRules.noPackageCycles(FIXTURES + ".cyclic").check(classes));
    }

    @Test
    void aServiceUsingAnotherServicesClassFails() {
        List<String> services = List.of(FIXTURES + ".reaching", FIXTURES + ".acyclic");
        JavaClasses classes = new ClassFileImporter().importPackages(FIXTURES);
        assertThrows(AssertionError.class,
                () -> ArchitectureRules.noOtherServiceCode(FIXTURES + ".reaching", services).check(classes));
        ArchitectureRules.noOtherServiceCode(FIXTURES + ".acyclic", services).check(classes);
    }

    @Test
    void aOneWayDependencyPasses() {
        JavaClasses classes = new ClassFileImporter().importPackages(FIXTURES + ".acyclic");
        ArchitectureRules.noPackageCycles(FIXTURES + ".acyclic").check(classes);
    }
}
