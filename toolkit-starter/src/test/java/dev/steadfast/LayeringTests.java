package dev.steadfast;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Guards the layering that lets users depend on the public API without ZooKeeper leaking into their code. */
class LayeringTests {

    private static JavaClasses starter;

    @BeforeAll
    static void importStarter() {
        starter = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.steadfast");
    }

    @Test
    void leaderApiUsesNeitherCuratorNorItsImplementation() {
        noClasses()
                .that()
                .resideInAPackage("dev.steadfast.leader")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.curator..", "org.apache.zookeeper..", "dev.steadfast..internal..")
                .check(starter);
    }

    @Test
    void checkpointApiUsesNeitherCuratorNorItsImplementation() {
        noClasses()
                .that()
                .resideInAPackage("dev.steadfast.checkpoint")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.curator..", "org.apache.zookeeper..", "dev.steadfast..internal..")
                .check(starter);
    }

    @Test
    void limitApiUsesNeitherNetflixConcurrencyLimitsNorItsImplementation() {
        noClasses()
                .that()
                .resideInAPackage("dev.steadfast.limit")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.netflix.concurrency.limits..", "dev.steadfast..internal..")
                .check(starter);
    }

    @Test
    void fastPathSeesAdaptiveBulkheadsOnlyThroughTheLimitApi() {
        // The fast path must load without concurrency-limits on the classpath.
        noClasses()
                .that()
                .resideInAPackage("dev.steadfast.resilience..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("com.netflix.concurrency.limits..", "dev.steadfast.limit.internal..")
                .check(starter);
    }

    @Test
    void implementationsDoNotDependOnAutoConfiguration() {
        noClasses()
                .that()
                .resideInAPackage("dev.steadfast..internal..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.steadfast..autoconfigure..")
                .check(starter);
    }
}
