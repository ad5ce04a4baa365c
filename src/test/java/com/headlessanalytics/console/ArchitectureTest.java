package com.headlessanalytics.console;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.conditions.ArchConditions;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The package layering of ARCHITECTURE.md: a wrong arrow fails the build. */
class ArchitectureTest {
    private static final String ROOT = "com.headlessanalytics.console";
    private static final String UI = ROOT + ".ui";
    private static final String UI_COMMON = UI + ".common";
    /** The bench classes that measure raw JDBC (H2, and DuckDB as the reference) beside the engine. */
    private static final List<String> RAW_JDBC_BENCHES = List.of(ROOT + ".app.bench.H2SqlAnalytics",
            ROOT + ".app.bench.IngestBenchmark", ROOT + ".app.bench.ImportBenchmark",
            ROOT + ".app.bench.DuckDbReference");
    /** JavaFX itself and the UI libraries a View may use. */
    private static final String[] UI_LIBRARIES = {"javafx..", "atlantafx..", "org.kordamp.ikonli..", "eu.hansolo..",
            "org.controlsfx.."};

    private static JavaClasses classes;
    /** ViewModels and the ui classes they reach: see {@link #viewModelSide}. */
    private static Set<JavaClass> viewModelSide;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
        viewModelSide = viewModelSide(classes);
    }

    @Test
    void layersOnlyUseTheLayersBelowThem() {
        layeredArchitecture().consideringOnlyDependenciesInLayers().withOptionalLayers(true)
                .layer("domain").definedBy(ROOT + ".domain..")
                .layer("api").definedBy(ROOT + ".api..")
                .layer("proof").definedBy(ROOT + ".proof..")
                .layer("symbols").definedBy(ROOT + ".symbols..")
                .layer("graphql").definedBy(ROOT + ".graphql..")
                .layer("connectors").definedBy(ROOT + ".connectors..")
                .layer("exports").definedBy(ROOT + ".exports..")
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
                .whereLayer("proof").mayOnlyBeAccessedByLayers("engine", "server", "ui", "app")
                .whereLayer("graphql").mayOnlyBeAccessedByLayers("server", "ui", "app")
                .whereLayer("connectors").mayOnlyBeAccessedByLayers("engine", "ui", "app")
                .whereLayer("exports").mayOnlyBeAccessedByLayers("engine", "app")
                .whereLayer("symbols").mayOnlyBeAccessedByLayers("engine", "server", "hardware", "ui", "app")
                .whereLayer("api").mayOnlyBeAccessedByLayers("proof", "graphql", "connectors", "exports", "engine", "remote", "server", "hardware", "ui", "app")
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
        assertThat(RAW_JDBC_BENCHES).as("the exempted bench classes exist").allMatch(classes::contain);
        noClasses().that().resideOutsideOfPackage(ROOT + ".engine..")
                .and(DescribedPredicate.not(named("one of the raw JDBC benches " + RAW_JDBC_BENCHES,
                        c -> RAW_JDBC_BENCHES.contains(outermost(c).getName()))))
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
        noClasses().that().resideInAnyPackage(ROOT + ".domain..", ROOT + ".api..", ROOT + ".proof..", ROOT + ".engine..",
                        ROOT + ".connectors..", ROOT + ".exports..",
                        ROOT + ".remote..", ROOT + ".server..", ROOT + ".symbols..", ROOT + ".hardware.labels..",
                        ROOT + ".hardware.scan..", ROOT + ".graphql..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..")
                .check(classes);
    }

    @Test
    void zxingPdfBoxAndSerialPortsStayInTheirRooms() {
        noClasses().that().resideOutsideOfPackage(ROOT + ".symbols..")
                .should().dependOnClassesThat().resideInAnyPackage("com.google.zxing..")
                .check(classes);
        noClasses().that().resideOutsideOfPackage(ROOT + ".hardware..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.pdfbox..", "com.fazecast..")
                .check(classes);
        noClasses().that().resideOutsideOfPackage(ROOT + ".graphql..")
                .should().dependOnClassesThat().resideInAnyPackage("graphql..")
                .check(classes);
        noClasses().that().resideOutsideOfPackage(ROOT + ".exports..")
                .should().dependOnClassesThat().resideInAnyPackage("software.amazon..", "org.apache.parquet..",
                        "org.apache.hadoop..")
                .check(classes);
        noClasses().that().resideOutsideOfPackages(ROOT + ".connectors..", ROOT + ".exports..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.commons.csv..")
                .check(classes);
    }

    // ---- MVVM rules (docs/architecture.md, "MVVM rules as tests") ----

    /**
     * The ViewModel side: every class named *ViewModel with its nested, inner and anonymous classes,
     * and every ui class they reach (directly or through each other) that is not a View part. What
     * a ViewModel uses is held to the ViewModel's rules, so a helper cannot smuggle a control in.
     */
    static Set<JavaClass> viewModelSide(JavaClasses all) {
        Set<JavaClass> side = new LinkedHashSet<>();
        Deque<JavaClass> todo = new ArrayDeque<>();
        all.stream().filter(c -> isViewModel(c)).forEach(todo::add);
        while (!todo.isEmpty()) {
            JavaClass c = todo.pop();
            if (side.add(c)) {
                for (Dependency d : c.getDirectDependenciesFromSelf()) {
                    JavaClass target = d.getTargetClass().getBaseComponentType();
                    if (target.getPackageName().startsWith(UI) && !isViewPart(target) && !side.contains(target)) {
                        todo.add(target);
                    }
                }
            }
        }
        return side;
    }

    /** Named *ViewModel, or nested in such a class. */
    static boolean isViewModel(JavaClass c) {
        return outermost(c).getSimpleName().endsWith("ViewModel");
    }

    /**
     * A View part: named *View (or nested in one), or a JavaFX node, cell, skin, dialog or window —
     * anything that is the screen rather than its state.
     */
    static boolean isViewPart(JavaClass c) {
        JavaClass top = outermost(c);
        return top.getSimpleName().endsWith("View")
                || c.isAssignableTo("javafx.scene.Node") || top.isAssignableTo("javafx.scene.Node")
                || c.isAssignableTo("javafx.scene.control.Dialog") || c.isAssignableTo("javafx.stage.Window")
                || c.isAssignableTo("javafx.scene.control.Skin");
    }

    static JavaClass outermost(JavaClass c) {
        JavaClass top = c;
        while (top.getEnclosingClass().isPresent()) {
            top = top.getEnclosingClass().get();
        }
        return top;
    }

    static boolean inFeaturePackage(JavaClass c) {
        return c.getPackageName().startsWith(UI + ".") && !c.getPackageName().startsWith(UI_COMMON);
    }

    static boolean samePackage(Dependency d) {
        return d.getOriginClass().getPackageName().equals(d.getTargetClass().getBaseComponentType().getPackageName());
    }

    static boolean inAny(JavaClass c, String... packages) {
        for (String p : packages) {
            String name = p.endsWith("..") ? p.substring(0, p.length() - 2) : p;
            if (c.getPackageName().equals(name) || (p.endsWith("..") && c.getPackageName().startsWith(name + "."))) {
                return true;
            }
        }
        return false;
    }

    /** An enum or record (or an enum constant's body): a value a View may show or offer in a list. */
    static boolean isValueType(JavaClass c) {
        JavaClass t = c.getBaseComponentType();
        return t.isEnum() || t.isRecord() || t.getRawSuperclass().map(JavaClass::isEnum).orElse(false);
    }

    static <T> DescribedPredicate<T> named(String description, java.util.function.Predicate<T> test) {
        return DescribedPredicate.describe(description, test);
    }

    /**
     * What the ViewModel side may use: the JDK but its desktop toolkits, observable JavaFX values
     * and collections (no scene graph, no stage, no animation), domain and api, Jackson's
     * annotations (as domain may), the symbols and label layouts, hardware.scan and graphql.editor (toolkit-free by their own rule),
     * the printing port and choices of hardware.print (not its JavaFX classes), and other classes of
     * the ViewModel side in its own package or ui.common. JSON is written and read through api ({@code ApiJson}), not with Jackson directly.
     */
    static final DescribedPredicate<Dependency> VIEW_MODEL_MAY_USE = named("the target is in the JDK (not java.awt,"
            + " javax.swing, javax.imageio), javafx.beans, javafx.collections, javafx.util, domain, api, Jackson"
            + " annotations, symbols, hardware.labels, hardware.scan, graphql.editor, the toolkit-free classes of hardware.print, or a non-View"
            + " class of ui.common or of the origin's own package", d -> {
                JavaClass t = d.getTargetClass().getBaseComponentType();
                if (t.isPrimitive()) {
                    return true;
                }
                if (inAny(t, "java..", "javax..")) {
                    return !inAny(t, "java.awt..", "javax.swing..", "javax.imageio..");
                }
                if (inAny(t, "javafx.beans..", "javafx.collections..", "javafx.util..", ROOT + ".domain..",
                        ROOT + ".api..", "com.fasterxml.jackson.annotation..", ROOT + ".symbols..",
                        ROOT + ".hardware.labels..", ROOT + ".hardware.scan..", ROOT + ".graphql.editor..")) {
                    return true;
                }
                if (inAny(t, ROOT + ".hardware.print..")) {
                    return t.getDirectDependenciesFromSelf().stream()
                            .noneMatch(x -> inAny(x.getTargetClass(), "javafx.."));
                }
                return inAny(t, UI + "..") && !isViewPart(t) && (inAny(t, UI_COMMON) || samePackage(d));
            });

    @Test
    void theViewModelSideIsWhatItSays() {
        List<String> names = viewModelSide.stream().map(JavaClass::getName).toList();
        long viewModels = classes.stream().filter(c -> c.getSimpleName().endsWith("ViewModel")).count();
        assertThat(viewModels).as("ViewModels found").isGreaterThanOrEqualTo(10);
        assertThat(viewModelSide.stream().filter(c -> c.getSimpleName().endsWith("ViewModel")).count())
                .isEqualTo(viewModels);
        assertThat(names).as("helpers the ViewModels call are on the ViewModel side")
                .contains(UI_COMMON + ".TaskRunner", UI_COMMON + ".DialogService", UI_COMMON + ".Activatable")
                .as("Views and their FX adapters are not")
                .doesNotContain(UI + ".events.EventsView", UI_COMMON + ".FxDialogService", UI_COMMON + ".ViewParts");
        assertThat(List.of(UI_COMMON + ".DateRangeBar", UI + ".events.TestEventView", UI + ".shell.ShellView"))
                .as("nodes, dialogs and *View are View parts").allMatch(n -> isViewPart(classes.get(n)));
        assertThat(List.of(UI_COMMON + ".TaskRunner", UI_COMMON + ".FxTaskRunner", UI + ".shell.ShellViewModel"))
                .as("state and services are not").noneMatch(n -> isViewPart(classes.get(n)));
    }

    /** Always on: the ViewModel side never reaches the screen, whatever else it uses. */
    @Test
    void viewModelsAndWhatTheyCallNeverTouchTheScreen() {
        noClasses().that(named("are ViewModels (named *ViewModel, with their nested classes) or ui classes a"
                        + " ViewModel reaches that are not View parts", (JavaClass c) -> viewModelSide.contains(c)))
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..",
                        "javafx.animation..", "javafx.application..", "javafx.fxml..", "javafx.embed..", "javafx.print..",
                        "atlantafx..", "org.kordamp.ikonli..", "eu.hansolo..", "org.controlsfx..", "java.awt..",
                        "javax.swing..")
                .orShould().dependOnClassesThat(named("are View parts", ArchitectureTest::isViewPart))
                .check(classes);
    }

    @Test
    void viewModelsAndWhatTheyCallUseOnlyStateNeverTheScreen() {
        classes().that(named("are ViewModels (named *ViewModel, with their nested classes) or ui classes a"
                        + " ViewModel reaches that are not View parts", (JavaClass c) -> viewModelSide.contains(c)))
                .should(ArchConditions.onlyHaveDependenciesWhere(VIEW_MODEL_MAY_USE))
                .check(classes);
    }

    @Test
    void uiFeaturePackagesHaveNoCycles() {
        slices().matching(UI + ".(*)..").namingSlices("ui.$1").should().beFreeOfCycles().check(classes);
    }

    @Test
    void uiCommonUsesNoFeaturePackage() {
        noClasses().that().resideInAPackage(UI_COMMON + "..")
                .should().dependOnClassesThat(named("are in a ui feature package", ArchitectureTest::inFeaturePackage))
                .check(classes);
    }

    /**
     * Views show their ViewModel: they use their own package, ui.common, the JDK, JavaFX and the UI
     * libraries, and of domain, api, symbols, hardware.labels, hardware.print and graphql.editor only values (enums
     * and records, e.g. a label template or a print margin) to offer or show — never the port, its
     * errors or its JSON, never a renderer or the printing itself.
     */
    @Test
    void viewsUseTheirOwnPackageUiCommonJavaFxAndValuesOnly() {
        classes().that(named("are Views (named *View, with their nested classes) in a ui feature package",
                        (JavaClass c) -> inFeaturePackage(c) && outermost(c).getSimpleName().endsWith("View")))
                .should(ArchConditions.onlyHaveDependenciesWhere(named("the target is in the View's own package, ui.common,"
                        + " the JDK, JavaFX, AtlantaFX, Ikonli, TilesFX or ControlsFX, or is an enum or record of domain, api,"
                        + " symbols, hardware.labels, hardware.print or graphql.editor",
                        (Dependency d) -> {
                            JavaClass t = d.getTargetClass().getBaseComponentType();
                            return t.isPrimitive() || samePackage(d) || inAny(t, UI_COMMON, "java..", "javax..")
                                    || inAny(t, UI_LIBRARIES)
                                    || (inAny(t, ROOT + ".domain..", ROOT + ".api..", ROOT + ".symbols..",
                                            ROOT + ".hardware.labels..", ROOT + ".hardware.print..",
                                            ROOT + ".graphql.editor..")
                                            && isValueType(t));
                        })))
                .check(classes);
    }

    @Test
    void onlyTheDialogServiceOpensDialogsAndFileChoosers() {
        noClasses().that().resideInAPackage(UI + "..").and().doNotHaveFullyQualifiedName(UI + ".common.FxDialogService")
                .should().dependOnClassesThat().haveFullyQualifiedName("javafx.stage.FileChooser")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("javafx.stage.DirectoryChooser")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("javafx.scene.control.Alert")
                .orShould().dependOnClassesThat().haveFullyQualifiedName("javafx.scene.control.TextInputDialog")
                .check(classes);
    }

    @Test
    void productionCodeDoesNotPrintToStandardStreamsOutsideTheCli() {
        noClasses().that().resideOutsideOfPackages(ROOT + ".app.cli..", ROOT + ".launch..")
                .should().accessField(System.class, "out").orShould().accessField(System.class, "err")
                .check(classes);
    }
}
