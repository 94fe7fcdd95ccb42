package io.stagegate;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.ws.rs.Path;
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
    void backtestReconstructionUsesOnlyTheEngine() {
        classes().that().resideInAPackage("io.stagegate.backtest..")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.stagegate.criteria..", "io.stagegate.forecast..", "io.stagegate.backtest..")
                .because("rebuilding an opportunity's past is pure: no framework, no I/O, the same history gives the same day")
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

    // --- wiring: the sync, the vendors, the simulator and the HTTP surfaces (docs/architecture.md) -----------------

    @Test
    void syncDrivesThePortNeverAVendor() {
        noClasses().that().resideInAPackage("io.stagegate.sync..")
                .should().dependOnClassesThat().resideInAnyPackage("io.stagegate.crm.salesforce..", "io.stagegate.crm.hubspot..")
                .because("the sync drives CrmGateway only: a new CRM is a new package beside crm/salesforce, not a branch in the sync")
                .check(classes);
    }

    @Test
    void inboxIsVendorNeutral() {
        noClasses().that().resideInAPackage("io.stagegate.intake..")
                .should().dependOnClassesThat().resideInAnyPackage("io.stagegate.crm.salesforce..", "io.stagegate.crm.hubspot..")
                .because("each vendor's push endpoints live in its package and write to the one inbox")
                .check(classes);
    }

    @Test
    void noProductPackageImportsTheSimulator() {
        noClasses().that().resideOutsideOfPackage("io.stagegate.sandbox..")
                .should().dependOnClassesThat().resideInAPackage("io.stagegate.sandbox..")
                .because("the simulator stands beside the product: it wires its embedded default through configuration")
                .check(classes);
    }

    @Test
    void simulatorDependsOnlyOnTheEngine() {
        classes().that().resideInAPackage("io.stagegate.sandbox..")
                .should().onlyDependOnClassesThat(JavaClass.Predicates.resideOutsideOfPackage("io.stagegate..")
                        .or(JavaClass.Predicates.resideInAnyPackage("io.stagegate.sandbox..", "io.stagegate.criteria..", "io.stagegate.playbook..")))
                .because("the simulator uses the engine (criteria, playbook), the JDK, Quarkus and libraries, and nothing else of the product")
                .check(classes);
    }

    @Test
    void vendorPackagesDoNotImportEachOther() {
        noClasses().that().resideInAPackage("io.stagegate.crm.salesforce..")
                .should().dependOnClassesThat().resideInAPackage("io.stagegate.crm.hubspot..")
                .check(classes);
        noClasses().that().resideInAPackage("io.stagegate.crm.hubspot..")
                .should().dependOnClassesThat().resideInAPackage("io.stagegate.crm.salesforce..")
                .check(classes);
    }

    @Test
    void httpResourcesLiveInTheirStatedHomes() {
        classes().that().areAnnotatedWith(Path.class).and().areNotInterfaces()
                .should().resideInAnyPackage("io.stagegate.api..", "io.stagegate.web..", "io.stagegate.crm.salesforce.push..",
                        "io.stagegate.crm.hubspot.push..", "io.stagegate.sandbox..")
                .because("/api/* lives in api, the page in web, the webhooks a CRM calls under its vendor's push package, "
                        + "the simulated CRMs in sandbox (docs/architecture.md)")
                .check(classes);
    }

    // --- layering below the sync: playbook, persistence and the CRM port ---------------------------------------------

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
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.stagegate.criteria..", "io.stagegate.backtest..", "io.stagegate.crm")
                .because("the port speaks the CRM-neutral model (the engine's, and the backtest's history records); each vendor package implements it, not the other way round")
                .check(classes);
    }
}
