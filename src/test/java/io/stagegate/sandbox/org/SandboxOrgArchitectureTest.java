package io.stagegate.sandbox.org;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The synthetic org is pure Java: the simulators of both CRMs, benchmarks and tests use it without a framework. */
class SandboxOrgArchitectureTest {
    @Test
    void usesOnlyTheJdkAndTheEngine() {
        classes().that().resideInAPackage("io.stagegate.sandbox.org")
                .should().onlyDependOnClassesThat().resideInAnyPackage("java..", "io.stagegate.criteria..", "io.stagegate.playbook..",
                        "io.stagegate.sandbox.org..")
                .check(new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("io.stagegate.sandbox.org"));
    }
}
