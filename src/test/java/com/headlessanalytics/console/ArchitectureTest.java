package com.headlessanalytics.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package layering of ARCHITECTURE.md: a wrong arrow fails the build. */
class ArchitectureTest {
    private static final String ROOT = "com.headlessanalytics.console";
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void layersOnlyUseTheLayersBelowThem() {
        layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("domain").definedBy(ROOT + ".domain..")
                .layer("api").definedBy(ROOT + ".api..")
                .layer("engine").definedBy(ROOT + ".engine..")
                .layer("remote").definedBy(ROOT + ".remote..")
                .layer("server").definedBy(ROOT + ".server..")
                .layer("hardware").definedBy(ROOT + ".hardware..")
                .layer("ui").definedBy(ROOT + ".ui..")
                .layer("app").definedBy(ROOT + ".app..")
                .layer("launch").definedBy(ROOT + ".launch..")
                .whereLayer("launch").mayNotBeAccessedByAnyLayer()
                .whereLayer("app").mayOnlyBeAccessedByLayers("launch")
                .whereLayer("ui").mayOnlyBeAccessedByLayers("app")
                .whereLayer("engine").mayOnlyBeAccessedByLayers("app")
                .whereLayer("remote").mayOnlyBeAccessedByLayers("app")
                .whereLayer("server").mayOnlyBeAccessedByLayers("app")
                .whereLayer("hardware").mayOnlyBeAccessedByLayers("ui", "app")
                .whereLayer("api").mayOnlyBeAccessedByLayers("engine", "remote", "server", "hardware", "ui", "app")
                .check(classes);
    }

    @Test
    void domainUsesTheJdkAndJacksonAnnotationsOnly() {
        classes().that().resideInAPackage(ROOT + ".domain..")
                .should().onlyDependOnClassesThat().resideInAnyPackage(ROOT + ".domain..", "java..",
                        "com.fasterxml.jackson.annotation..")
                .check(classes);
    }

    @Test
    void onlyTheEngineTouchesH2AndMigrations() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".engine..", ROOT + ".app.bench..")
                .should().dependOnClassesThat().resideInAnyPackage("org.h2..", "org.flywaydb..", "java.sql..")
                .check(classes);
    }

    @Test
    void onlyTheRemoteClientUsesOkHttp() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".remote..")
                .should().dependOnClassesThat().resideInAnyPackage("okhttp3..", "okio..")
                .check(classes);
    }

    @Test
    void nothingBelowTheUiTouchesJavaFx() {
        noClasses().that().resideInAnyPackage(ROOT + ".domain..", ROOT + ".api..", ROOT + ".engine..",
                        ROOT + ".remote..", ROOT + ".server..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .check(classes);
    }

    @Test
    void viewModelsImportNoNodesOrControls() {
        classes().that().haveSimpleNameEndingWith("ViewModel")
                .should().onlyDependOnClassesThat().resideOutsideOfPackages("javafx.scene..")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void productionCodeDoesNotPrintToStandardStreamsOutsideTheCli() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".app..", ROOT + ".launch..")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .check(classes);
    }
}
