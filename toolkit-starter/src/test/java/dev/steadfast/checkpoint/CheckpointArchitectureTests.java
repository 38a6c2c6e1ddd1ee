package dev.steadfast.checkpoint;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Complements {@code LayeringTests}: the visibility adapters read the manager through the public API only. */
class CheckpointArchitectureTests {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.steadfast.checkpoint");

    @Test
    void onlyTheAutoConfigurationBuildsTheImplementation() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "dev.steadfast.checkpoint.health..",
                        "dev.steadfast.checkpoint.actuate..",
                        "dev.steadfast.checkpoint.metrics..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.steadfast.checkpoint.internal..")
                .check(classes);
    }
}
