package dev.steadfast.leader;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

class LeaderApiArchitectureTests {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.steadfast.leader", "dev.steadfast.zookeeper");

    @Test
    void leaderApiExposesNoCuratorZooKeeperOrImplementationTypes() {
        noClasses()
                .that()
                .resideInAPackage("dev.steadfast.leader")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.apache.curator..", "org.apache.zookeeper..", "..internal..", "..autoconfigure..")
                .check(classes);
    }

    @Test
    void implementationDoesNotReachIntoAutoConfiguration() {
        noClasses()
                .that()
                .resideInAPackage("..internal..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..autoconfigure..")
                .check(classes);
    }
}
