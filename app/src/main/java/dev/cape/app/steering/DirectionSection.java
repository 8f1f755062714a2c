package dev.cape.app.steering;

import dev.cape.app.charts.FigurePane;
import dev.cape.app.model.ModelViewModel;
import dev.cape.inference.direction.DirectionMethod;
import java.util.Arrays;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** "Truth direction": the statements and fit settings, extract / open / save, the active direction, the layer chart. */
final class DirectionSection extends BorderPane {

    DirectionSection(DirectionViewModel vm, ModelViewModel model) {
        ComboBox<String> source = new ComboBox<>();
        source.setId("direction-source");
        source.setEditable(true);
        source.getItems().addAll("bundled:larger_than", "bundled:smaller_than", "generated:larger-than",
                "generated:smaller-than", "generated:addition");
        source.valueProperty().bindBidirectional(vm.sourceProperty());
        source.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(source, Priority.ALWAYS);
        Button file = new Button("File…");
        file.setOnAction(e -> Controls.open(getScene().getWindow(), "Statements (CSV, TruthfulQA)", "*.csv", "*.json")
                .ifPresent(f -> vm.sourceProperty().set(f.getPath())));
        ComboBox<String> method = new ComboBox<>();
        method.getItems().addAll(Arrays.stream(DirectionMethod.values()).map(DirectionMethod::id).toList());
        method.valueProperty().bindBidirectional(vm.methodProperty());
        ComboBox<String> bos = new ComboBox<>();
        bos.getItems().addAll("default", "none");
        bos.valueProperty().bindBidirectional(vm.bosProperty());

        Button extract = new Button("Extract");
        extract.setId("direction-extract");
        extract.setDefaultButton(true);
        extract.disableProperty().bind(model.runningProperty());
        extract.setOnAction(e -> vm.extract());
        Button open = new Button("Open vector…");
        open.setId("direction-open");
        open.setOnAction(e -> Controls.open(getScene().getWindow(), "Direction file", "*.safetensors")
                .ifPresent(f -> vm.open(f.toPath())));
        Button save = new Button("Save vector…");
        save.setId("direction-save");
        save.disableProperty().bind(vm.activeProperty().isNull());
        save.setOnAction(e -> Controls.save(getScene().getWindow(), "direction", "safetensors")
                .ifPresent(f -> vm.save(f.toPath())));

        Label summary = new Label();
        summary.setId("direction-summary");
        summary.textProperty().bind(vm.summaryProperty());
        summary.setWrapText(true);
        VBox top = new VBox(6,
                Controls.row("Statements", source, file),
                Controls.flow("Method", method, "Split seed", Controls.integers(vm.splitSeedProperty(), 0,
                        Integer.MAX_VALUE, 1, "direction-seed"), "Test share", Controls.decimals(
                        vm.testShareProperty(), 0.05, 0.95, 0.05, "direction-test-share"), "Items (0 = all)",
                        Controls.integers(vm.limitProperty(), 0, 1_000_000, 50, "direction-limit"), "BOS", bos),
                Controls.row(extract, open, save),
                Controls.row("Active direction:", summary),
                Controls.error(vm.errorProperty(), "direction-error"));
        top.setStyle("-fx-padding: 8;");
        setTop(top);
        setCenter(new FigurePane(vm.figure(), "truth-direction-layers",
                "Extract a direction to see the held-out accuracy of each layer"
                        + " (an opened vector file has no curve)."));
    }
}
