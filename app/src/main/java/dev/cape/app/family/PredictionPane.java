package dev.cape.app.family;

import dev.cape.analysis.ode.ModelPrediction;
import dev.cape.app.common.Columns;
import dev.cape.app.common.TableMenu;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/** "Predict from the other families": the scaling ODE's held-out prediction of the chosen family, model by model. */
final class PredictionPane extends TitledPane {

    PredictionPane(PredictionViewModel vm) {
        setText("Predict this family from the others with the scaling ODE (as cape ode --holdout)");
        setExpanded(false);
        setId("family-predict-pane");
        Button predict = new Button("Predict");
        predict.setId("family-predict");
        predict.disableProperty().bind(vm.runningProperty());
        predict.setOnAction(e -> vm.predict());
        Label summary = new Label();
        summary.setId("family-predict-summary");
        summary.setWrapText(true);
        summary.textProperty().bind(vm.summaryProperty());
        Label error = new Label();
        error.setStyle("-fx-text-fill: #c62828;");
        error.setWrapText(true);
        error.textProperty().bind(vm.errorProperty());
        HBox row = new HBox(8, predict, summary);
        row.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        TableView<ModelPrediction> table = new TableView<>(vm.rows());
        table.setId("family-predict-table");
        TableMenu.attach(table, "ode-prediction");
        table.getColumns().add(Columns.text("model", ModelPrediction::model, 200));
        table.getColumns().add(Columns.number("N (B)", ModelPrediction::paramsB, "%.3g", 64));
        table.getColumns().add(Columns.number("R observed", ModelPrediction::rObs, "%.3f", 86));
        table.getColumns().add(Columns.number("R predicted", m -> m.rPred().orElse(Double.NaN), "%.3f", 90));
        table.getColumns().add(Columns.number("T observed", ModelPrediction::tObs, "%.3f", 86));
        table.getColumns().add(Columns.number("T predicted", m -> m.tPred().orElse(Double.NaN), "%.3f", 90));
        table.getColumns().add(Columns.number("APE R (%)", m -> m.apeR().orElse(Double.NaN), "%.2f", 80));
        table.getColumns().add(Columns.number("APE T (%)", m -> m.apeT().orElse(Double.NaN), "%.2f", 80));
        table.getColumns().add(Columns.text("row", m -> m.status().name().toLowerCase(java.util.Locale.ROOT)
                .replace('_', ' '), 110));
        table.setPrefHeight(FamilyTables.heightFor(4));
        vm.rows().addListener((javafx.collections.ListChangeListener<ModelPrediction>) c -> table.setPrefHeight(
                FamilyTables.heightFor(vm.rows().size())));
        setContent(new VBox(6, row, error, table));
    }
}
