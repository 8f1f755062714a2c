package dev.cape.app.family;

import dev.cape.app.common.LazyTabs;
import dev.cape.analysis.diagnosis.UserFamilyDiagnosis;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * The family diagnosis tab: a family chooser, placing a typed model, the summary, the tables of models, interventions
 * and rotation, the comparison with another family at matched scale, and the scaling ODE's prediction of the family.
 */
public final class FamilyTab extends Tab {

    public FamilyTab(FamilyViewModel vm, CompareViewModel compare, PredictionViewModel prediction) {
        super("Family diagnosis");
        setId("tab-family");
        setClosable(false);
        LazyTabs.contentOnFirstShow(this, () -> content(vm, compare, prediction));
    }

    private static javafx.scene.Node content(FamilyViewModel vm, CompareViewModel compare,
            PredictionViewModel prediction) {
        ComboBox<String> choice = new ComboBox<>(vm.families());
        choice.setId("family-choice");
        choice.setPromptText("choose a family, or select its models in the data pane");
        choice.valueProperty().bindBidirectional(vm.familyProperty());
        ProgressIndicator busy = new ProgressIndicator();
        busy.setPrefSize(18, 18);
        busy.visibleProperty().bind(vm.runningProperty());
        Label error = new Label();
        error.setId("family-error");
        error.setStyle("-fx-text-fill: #c62828;");
        error.textProperty().bind(vm.errorProperty());
        HBox top = new HBox(8, new Label("Family"), choice, busy, error);
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        Label summary = new Label();
        summary.setId("family-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(vm.summaryProperty());

        var models = FamilyTables.models();
        var placements = FamilyTables.placements();
        TitledPane placementPane = new TitledPane("Placement against the reference families at the same scale "
                + "(weak diagnosis: no coupling curve of its own)", placements);
        VBox interventions = new VBox(6);
        interventions.setId("family-interventions");
        TitledPane rotationPane = new TitledPane("Benchmark rotation", null);
        VBox box = new VBox(8, top, new PlacePane(vm), summary, models, placementPane,
                new TitledPane("Suggested interventions", interventions), rotationPane, new ComparePane(compare, vm),
                new PredictionPane(prediction));
        box.setStyle("-fx-padding: 8;");
        java.util.function.Consumer<UserFamilyDiagnosis.Result> show = r -> {
            models.getItems().setAll(r == null ? java.util.List.of() : r.models());
            models.setPrefHeight(FamilyTables.heightFor(models.getItems().size()));
            placements.getItems().setAll(r == null ? java.util.List.of() : r.placements());
            placements.setPrefHeight(FamilyTables.heightFor(placements.getItems().size()));
            placementPane.setVisible(r != null && !r.placements().isEmpty());
            placementPane.setManaged(placementPane.isVisible());
            interventions.getChildren().setAll(r == null ? java.util.List.of()
                    : r.interventions().stream().map(FamilyTab::intervention).toList());
            rotationPane.setContent(r == null || r.rotation() == null ? new Label("Not assessed (weak diagnosis).")
                    : FamilyTables.rotation(r));
            rotationPane.setText(r == null || r.rotation() == null ? "Benchmark rotation"
                    : "Benchmark rotation (" + (r.rotation().stable() ? "phase stable" : "phase NOT stable") + ")");
        };
        vm.resultProperty().addListener((o, a, r) -> show.accept(r));
        show.accept(vm.resultProperty().get());   // built after a result may already exist
        ScrollPane scroll = new ScrollPane(box);
        scroll.setId("family-scroll");
        scroll.setFitToWidth(true);
        return scroll;
    }

    private static VBox intervention(UserFamilyDiagnosis.Intervention i) {
        Label head = new Label(i.name().replace('_', ' ') + ": " + i.verdict().id().replace('_', ' ')
                + (Double.isFinite(i.quantity()) ? String.format(java.util.Locale.ROOT, " (quantity %.3f)",
                i.quantity()) : ""));
        head.setStyle("-fx-font-weight: bold;" + (i.verdict() == UserFamilyDiagnosis.Verdict.SUGGESTED
                ? " -fx-text-fill: #b26a00;" : ""));
        Label message = new Label(i.message());
        message.setWrapText(true);
        Label rule = new Label(i.rule().isEmpty() ? "" : "Rule: " + i.rule());
        rule.setWrapText(true);
        rule.setStyle("-fx-opacity: 0.75; -fx-font-size: 0.9em;");
        return new VBox(2, head, message, rule);
    }
}
