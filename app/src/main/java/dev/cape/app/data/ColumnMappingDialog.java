package dev.cape.app.data;

import dev.cape.analysis.data.ColumnMapping;
import dev.cape.analysis.data.ColumnRole;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.event.ActionEvent;
import javafx.scene.control.ButtonType;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Dialog;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.VBox;

/** Asks which column is the model, family, size, width and each benchmark when the importer recognised none. */
public final class ColumnMappingDialog extends Dialog<ColumnMapping> {

    public ColumnMappingDialog(ColumnMappingViewModel vm) {
        setTitle("Choose the columns");
        setHeaderText(vm.request().file().getFileName() + ": " + vm.request().reason()
                + ". Choose which column holds what.");
        List<String> choices = new ArrayList<>();
        choices.add("");
        choices.addAll(vm.headers());
        GridPane roles = new GridPane();
        roles.setHgap(8);
        roles.setVgap(6);
        int row = 0;
        for (ColumnRole r : ColumnRole.values()) {
            ComboBox<String> box = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(choices));
            box.setId("role-" + r.name().toLowerCase(Locale.ROOT));
            box.valueProperty().bindBidirectional(vm.roleProperty(r));
            roles.addRow(row++, new Label(r.name().toLowerCase(Locale.ROOT) + (r.required() ? " *" : "")), box);
        }
        GridPane scores = new GridPane();
        scores.setHgap(8);
        scores.setVgap(4);
        row = 0;
        for (String h : vm.headers()) {
            ComboBox<String> box = new ComboBox<>(javafx.collections.FXCollections.observableArrayList(
                    ColumnMappingViewModel.KNOWN_BENCHMARKS));
            box.setEditable(true);
            box.setPromptText("not a score");
            box.setId("benchmark-" + h);
            box.valueProperty().bindBidirectional(vm.benchmarkProperty(h));
            scores.addRow(row++, new Label(h), box);
        }
        Label error = new Label();
        error.setId("mapping-error");
        error.setStyle("-fx-text-fill: #c62828;");
        error.textProperty().bind(vm.errorProperty());
        ScrollPane scroll = new ScrollPane(scores);
        scroll.setPrefViewportHeight(240);
        getDialogPane().setContent(new VBox(10, roles, new Label("Benchmark of each column (empty: not a score)"),
                scroll, error));
        getDialogPane().getButtonTypes().addAll(ButtonType.OK, ButtonType.CANCEL);
        getDialogPane().lookupButton(ButtonType.OK).addEventFilter(ActionEvent.ACTION, e -> {
            if (vm.mapping().isEmpty()) {
                e.consume();
            }
        });
        setResultConverter(b -> b == ButtonType.OK ? vm.mapping().orElse(null) : null);
    }
}
