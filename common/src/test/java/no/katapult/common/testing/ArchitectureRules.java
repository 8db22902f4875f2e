package no.katapult.common.testing;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;

import java.util.List;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

/**
 * The package rules of the suite, checked with ArchUnit in each module's test: no cycle between the
 * packages of a module (its root package counts as a package of its own), and no service reaching into
 * another service's code: a service learns another's data over HTTP or from events.
 */
public final class ArchitectureRules {

    /** The root package of every service; the gateway and common are not services. */
    public static final List<String> SERVICE_PACKAGES = List.of(
            "no.katapult.registry", "no.katapult.application", "no.katapult.booking", "no.katapult.events");

    private ArchitectureRules() {
    }

    /** The main classes under {@code rootPackage}. */
    public static JavaClasses mainClasses(String rootPackage) {
        return new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage);
    }

    /** Fails on any cycle between the root package and its sub-packages (first level). */
    public static ArchRule noPackageCycles(String rootPackage) {
        return slices().assignedFrom(firstLevelPackages(rootPackage))
                .should().beFreeOfCycles()
                .as("packages under " + rootPackage + " (the root included) are free of cycles");
    }

    /** Fails when code under {@code rootPackage} uses another service's classes. */
    public static ArchRule noOtherServiceCode(String rootPackage) {
        return noOtherServiceCode(rootPackage, SERVICE_PACKAGES);
    }

    static ArchRule noOtherServiceCode(String rootPackage, List<String> servicePackages) {
        String[] others = servicePackages.stream().filter(p -> !p.equals(rootPackage)).map(p -> p + "..")
                .toArray(String[]::new);
        return noClasses().that().resideInAPackage(rootPackage + "..")
                .should().dependOnClassesThat().resideInAnyPackage(others)
                .as(rootPackage + " uses no other service's code");
    }

    /** Checks both rules for a service. */
    public static void check(String rootPackage) {
        JavaClasses classes = mainClasses(rootPackage);
        noPackageCycles(rootPackage).check(classes);
        noOtherServiceCode(rootPackage).check(classes);
    }

    static SliceAssignment firstLevelPackages(String rootPackage) {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String pkg = javaClass.getPackageName();
                if (pkg.equals(rootPackage)) {
                    return SliceIdentifier.of("(root)");
                }
                if (!pkg.startsWith(rootPackage + ".")) {
                    return SliceIdentifier.ignore();
                }
                String rest = pkg.substring(rootPackage.length() + 1);
                int dot = rest.indexOf('.');
                return SliceIdentifier.of(dot < 0 ? rest : rest.substring(0, dot));
            }

            @Override
            public String getDescription() {
                return "first-level packages under " + rootPackage + " and the root itself";
            }
        };
    }
}
