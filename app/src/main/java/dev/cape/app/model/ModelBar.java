package dev.cape.app.model;

import java.io.File;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.TextField;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;

/**
 * The model row at the top of the head inspector and the steering console: the folder or {@code model.bin}, the
 * device, a load button, and the running job's progress, status and cancel button. Both tabs show the same model.
 */
public final class ModelBar extends VBox {

    public ModelBar(ModelViewModel vm, String idPrefix) {
        super(4);
        setStyle("-fx-padding: 6 8 6 8;");
        TextField path = new TextField();
        path.setId(idPrefix + "-model-path");
        path.setPromptText("Hugging Face model folder or llama2.c model.bin");
        path.textProperty().bindBidirectional(vm.pathProperty());
        HBox.setHgrow(path, Priority.ALWAYS);
        Button folder = new Button("Folder…");
        folder.setOnAction(e -> {
            File f = new DirectoryChooser().showDialog(getScene().getWindow());
            if (f != null) {
                vm.pathProperty().set(f.getPath());
            }
        });
        Button bin = new Button("model.bin…");
        bin.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("llama2.c checkpoint", "*.bin"));
            File f = fc.showOpenDialog(getScene().getWindow());
            if (f != null) {
                vm.pathProperty().set(f.getPath());
            }
        });
        ComboBox<String> device = new ComboBox<>();
        device.getItems().addAll("cpu", "cuda", "cuda:0", "cuda:1");
        device.setEditable(true);
        device.valueProperty().bindBidirectional(vm.deviceProperty());
        device.setPrefWidth(84);
        ComboBox<String> dtype = new ComboBox<>();
        dtype.getItems().addAll("auto", "float32", "float16");   // auto: float32 on the CPU, float16 on a GPU
        dtype.valueProperty().bindBidirectional(vm.dtypeProperty());
        dtype.setTooltip(new javafx.scene.control.Tooltip("Weights, activations and KV cache: auto is float32 on the "
                + "CPU and float16 on a GPU; float16 halves the memory of a large model on the CPU"));
        Button load = new Button("Load");
        load.setId(idPrefix + "-model-load");
        load.setOnAction(e -> vm.load());
        load.disableProperty().bind(vm.runningProperty());
        for (Button b : new Button[] {folder, bin, load}) {
            b.setMinWidth(Button.USE_PREF_SIZE);
        }
        Label modelLabel = new Label("Model");
        Label deviceLabel = new Label("Device");
        for (javafx.scene.layout.Region r : new javafx.scene.layout.Region[] {modelLabel, deviceLabel, device, dtype}) {
            r.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);   // the path field gives way, not these
        }
        path.setMinWidth(120);
        HBox top = new HBox(6, modelLabel, path, folder, bin, deviceLabel, device, dtype, load);
        top.setAlignment(javafx.geometry.Pos.CENTER_LEFT);

        ProgressBar bar = new ProgressBar();
        bar.setPrefWidth(140);
        bar.progressProperty().bind(vm.progressProperty());
        bar.visibleProperty().bind(vm.runningProperty());
        bar.managedProperty().bind(bar.visibleProperty());   // no empty gap beside the description when idle
        Button cancel = new Button("Cancel");
        cancel.setId(idPrefix + "-model-cancel");
        cancel.disableProperty().bind(vm.runningProperty().not());
        cancel.setOnAction(e -> vm.cancel());
        cancel.setMinWidth(Button.USE_PREF_SIZE);
        Label desc = new Label();
        desc.setId(idPrefix + "-model-description");
        desc.textProperty().bind(vm.descriptionProperty());
        Label status = new Label();
        status.textProperty().bind(vm.statusProperty());
        status.setStyle("-fx-opacity: 0.75;");
        for (Label l : new Label[] {desc, status}) {   // the whole text when the row is too narrow for it
            javafx.scene.control.Tooltip tip = new javafx.scene.control.Tooltip();
            tip.textProperty().bind(l.textProperty());
            l.setTooltip(tip);
        }
        Label error = new Label();
        error.setId(idPrefix + "-model-error");
        error.textProperty().bind(vm.errorProperty());
        error.setStyle("-fx-text-fill: #c62828;");
        error.setWrapText(true);
        HBox bottom = new HBox(8, bar, cancel, desc, status);
        bottom.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        getChildren().addAll(top, bottom, error);
    }

    /**
     * Bounds an index spinner (a layer, a head) by a count of the loaded model: at most {@code count − 1} once a model
     * is loaded, unbounded before, so a value can be set ahead of loading and is checked when the job runs.
     */
    public static void boundBy(javafx.scene.control.Spinner<Integer> spinner,
            javafx.beans.property.ReadOnlyIntegerProperty count) {
        if (spinner.getValueFactory() instanceof javafx.scene.control.SpinnerValueFactory.IntegerSpinnerValueFactory f) {
            // set, not bound: the factory itself resets max when it falls below min, which a bound max refuses
            java.util.function.IntConsumer apply = c -> f.setMax(c > 0 ? Math.max(f.getMin(), c - 1) : 10_000);
            count.addListener((o, a, c) -> apply.accept(c.intValue()));
            apply.accept(count.get());
        }
    }
}
