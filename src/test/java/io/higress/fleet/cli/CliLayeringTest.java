package io.higress.fleet.cli;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * fleetctl is shipped alone (target/fleetctl.jar holds only this package, picocli and Jackson): it talks to the
 * facade over HTTP like any client and must not use the facade's classes, nor the facade fleetctl's.
 */
@AnalyzeClasses(packages = "io.higress.fleet", importOptions = ImportOption.DoNotIncludeTests.class)
class CliLayeringTest {

    @ArchTest
    static final ArchRule cliUsesOnlyWhatItsJarHolds = classes().that().resideInAPackage("io.higress.fleet.cli..")
            .should().onlyDependOnClassesThat().resideInAnyPackage("io.higress.fleet.cli..", "java..", "picocli..",
                    "com.fasterxml.jackson..")
            .because("target/fleetctl.jar holds only io.higress.fleet.cli, picocli and Jackson (see the shade plugin)");

    @ArchTest
    static final ArchRule facadeDoesNotUseTheCli = noClasses().that().resideOutsideOfPackage("io.higress.fleet.cli..")
            .should().dependOnClassesThat().resideInAPackage("io.higress.fleet.cli..")
            .because("picocli is removed from the packaged facade (quarkus.class-loading.removed-artifacts)");
}
