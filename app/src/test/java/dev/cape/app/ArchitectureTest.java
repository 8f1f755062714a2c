package dev.cape.app;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Keeps the module dependencies one-way: app → {analysis, inference} → resources (see STYLE.md). */
class ArchitectureTest {

    static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("dev.cape");
    }

    @Test
    void analysisIsPureJava() {
        noClasses().that().resideInAPackage("dev.cape.analysis..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "ai.djl..", "dev.cape.inference..",
                        "dev.cape.app..")
                .because("analysis must run headless, without native libraries or the GUI")
                .check(classes);
    }

    @Test
    void inferenceKnowsNothingOfAnalysisOrTheGui() {
        noClasses().that().resideInAPackage("dev.cape.inference..")
                .should().dependOnClassesThat().resideInAnyPackage("javafx..", "dev.cape.analysis..", "dev.cape.app..")
                .because("the model runtime is reusable on its own and must not pull in statistics or JavaFX")
                .check(classes);
    }

    @Test
    void resourcesDependOnNothingOfOurs() {
        noClasses().that().resideInAPackage("dev.cape.resources..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.cape.analysis..", "dev.cape.inference..",
                        "dev.cape.app..")
                .because("resources are the bottom layer: data with its sources")
                .check(classes);
    }

    @Test
    void cliAndWorkflowStayFreeOfJavaFx() {
        noClasses().that().resideInAnyPackage("dev.cape.app.cli..", "dev.cape.app.workflow..")
                .should().dependOnClassesThat().resideInAPackage("javafx..")
                .because("the CLI and the shared workflows must run on machines without a display")
                .allowEmptyShould(true)
                .check(classes);
    }

    @Test
    void viewModelsNeverTouchNodes() {
        noClasses().that().haveSimpleNameEndingWith("ViewModel")
                .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "javafx.stage..")
                .because("MVVM: view models hold state and commands; only views build and touch nodes")
                .check(classes);
    }

    @Test
    void chartsPlotWhatTheAnalysisComputes() {
        noClasses().that().resideInAnyPackage("dev.cape.app..")
                .should().dependOnClassesThat().resideInAnyPackage("org.apache.commons.math3.stat..",
                        "org.apache.commons.statistics..", "org.jfree.data.statistics..")
                .because("every computation comes from analysis/ and inference/; the GUI and charts add none")
                .check(classes);
    }

    @Test
    void onlyTheTaskRunnersStartThreads() {
        noClasses().that().resideInAPackage("dev.cape.app..")
                .and().doNotHaveFullyQualifiedName("dev.cape.app.common.FxTaskRunner")
                .should().callConstructor(Thread.class, Runnable.class, String.class)
                .orShould().callConstructor(Thread.class, Runnable.class)
                .orShould().callConstructor(Thread.class)
                .because("all long work in the app goes through the TaskRunner (STYLE.md)")
                .check(classes);
    }
}
