package io.stagegate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dependency rules that keep the engine pure and the layers apart; the build fails if one is broken. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.stagegate");
    }

    @Test
    void engineUsesOnlyTheJdk() {
        classes().that().resideInAnyPackage("io.stagegate.criteria..", "io.stagegate.forecast..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.stagegate.criteria..", "io.stagegate.forecast..")
                .because("the engine is pure Java: deterministic, fast and testable without a framework")
                .check(classes);
    }

    @Test
    void engineDoesNotKnowTheLayersAroundIt() {
        noClasses().that().resideInAnyPackage("io.stagegate.criteria..", "io.stagegate.forecast..")
                .should().dependOnClassesThat().resideInAnyPackage("io.stagegate.api..", "io.stagegate.persistence..", "io.stagegate.web..",
                        "io.stagegate.config..", "io.stagegate.playbook..", "io.stagegate.crm..")
                .check(classes);
    }

    @Test
    void playbookLoadingUsesNoFramework() {
        noClasses().that().resideInAPackage("io.stagegate.playbook..")
                .should().dependOnClassesThat().resideInAnyPackage("io.quarkus..", "jakarta..", "io.smallrye..", "io.vertx..")
                .because("the playbook loader is wired by a producer, not annotated")
                .check(classes);
    }

    @Test
    void entitiesStayInThePersistenceLayer() {
        noClasses().that().resideOutsideOfPackage("io.stagegate.persistence..")
                .should().dependOnClassesThat().areAnnotatedWith(jakarta.persistence.Entity.class)
                .because("entities never cross the API boundary")
                .check(classes);
    }

    @Test
    void playbookUsesOnlyTheEngineAndItsOwnLibraries() {
        classes().that().resideInAPackage("io.stagegate.playbook..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.stagegate.criteria..", "io.stagegate.playbook..",
                        "org.yaml.snakeyaml..", "dev.cel..", "com.google.common..")
                .because("the playbook maps YAML onto the engine and sits just above it: connectors, the sync and the API use it, "
                        + "never the other way round (Guava comes in only as the collection types of CEL's API)")
                .check(classes);
    }

    @Test
    void persistenceDoesNotReachUp() {
        noClasses().that().resideInAPackage("io.stagegate.persistence..")
                .should().dependOnClassesThat().resideInAnyPackage("io.stagegate.playbook..", "io.stagegate.api..", "io.stagegate.sync..",
                        "io.stagegate.web..")
                .because("persistence stores what its callers hand it; they translate their own types")
                .check(classes);
    }

    @Test
    void crmPortUsesOnlyTheEngine() {
        classes().that().resideInAPackage("io.stagegate.crm")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.stagegate.criteria..", "io.stagegate.crm")
                .because("the port speaks the CRM-neutral model; each vendor package implements it, not the other way round")
                .check(classes);
    }
}
