package dev.cape.app.heads;

import dev.cape.inference.heads.HeadCensus;
import java.io.File;
import java.util.Locale;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.StringProperty;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.layout.GridPane;
import javafx.scene.Node;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.scene.layout.Priority;
import javafx.stage.FileChooser;
import javafx.util.StringConverter;
import javafx.util.converter.DoubleStringConverter;

/** The census settings: the two statement sets (presets, typed, or a file) and the numbers of the census. */
final class HeadsForm extends GridPane {

    static final String[] PRESETS = {"bundled:larger_than", "bundled:smaller_than", "generated:larger-than",
        "generated:smaller-than", "generated:addition"};

    HeadsForm(HeadsViewModel vm) {
        setHgap(6);
        setVgap(4);
        setPadding(new Insets(4, 8, 4, 8));
        addRow(0, label("Truth set"), source(vm.truthSourceProperty(), "heads-truth"));
        addRow(1, label("Reasoning set"), source(vm.reasoningSourceProperty(), "heads-reasoning"));
        TextField alpha = new TextField();
        alpha.setId("heads-alpha");
        alpha.setPrefColumnCount(5);
        TextFormatter<Double> alphaValue = new TextFormatter<>(new DoubleStringConverter(), vm.alphaProperty().get(),
                c -> c.getControlNewText().matches("\\d*(\\.\\d*)?") ? c : null);
        alpha.setTextFormatter(alphaValue);
        alphaValue.valueProperty().addListener((o, a, b) -> vm.alphaProperty().set(b == null ? 0 : b));
        vm.alphaProperty().addListener((o, a, b) -> alphaValue.setValue(b.doubleValue()));
        ChoiceBox<HeadCensus.Ablate> ablate = new ChoiceBox<>();
        ablate.setId("heads-ablate");
        ablate.getItems().addAll(HeadCensus.Ablate.values());
        ablate.setConverter(new StringConverter<>() {
            @Override
            public String toString(HeadCensus.Ablate a) {
                return a == null ? "" : a.name().toLowerCase(Locale.ROOT);
            }

            @Override
            public HeadCensus.Ablate fromString(String s) {
                return HeadCensus.Ablate.valueOf(s.toUpperCase(Locale.ROOT));
            }
        });
        ablate.valueProperty().bindBidirectional(vm.ablateProperty());
        FlowPane numbers = new FlowPane(12, 4, pair("Items", spinner(vm.limitProperty(), 0, 100_000, 50,
                "heads-limit")), pair("Permutations", spinner(vm.permutationsProperty(), 1, 1_000_000, 100,
                "heads-permutations")), pair("Random directions", spinner(vm.randomDirectionsProperty(), 0, 100_000, 10,
                "heads-random")), pair("Seed", spinner(vm.seedProperty(), 0, Integer.MAX_VALUE, 1, "heads-seed")),
                pair("Family-wise α", alpha), pair("Ablate", ablate));
        add(numbers, 0, 2, 2, 1);
    }

    /** A label that keeps its full text, and the control it names, kept together when the row wraps. */
    private static HBox pair(String text, Node control) {
        HBox pair = new HBox(4, label(text), control);
        pair.setAlignment(Pos.CENTER_LEFT);
        return pair;
    }

    static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    private HBox source(StringProperty value, String id) {
        ComboBox<String> box = new ComboBox<>();
        box.setId(id);
        box.setEditable(true);
        box.getItems().addAll(PRESETS);
        box.valueProperty().bindBidirectional(value);
        box.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(box, Priority.ALWAYS);
        Button file = new Button("File…");
        file.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.getExtensionFilters().addAll(new FileChooser.ExtensionFilter("Statements (CSV)", "*.csv"),
                    new FileChooser.ExtensionFilter("All files", "*"));
            File f = fc.showOpenDialog(getScene().getWindow());
            if (f != null) {
                value.set(f.getPath());
            }
        });
        HBox row = new HBox(6, box, file);
        setHgrow(row, Priority.ALWAYS);
        return row;
    }

    /** An editable integer spinner bound both ways to {@code value}. */
    static Spinner<Integer> spinner(IntegerProperty value, int min, int max, int step, String id) {
        Spinner<Integer> s = new Spinner<>(min, max, value.get(), step);
        s.setId(id);
        s.setEditable(true);
        s.setPrefWidth(100);
        ObjectProperty<Integer> boxed = value.asObject();
        s.getValueFactory().valueProperty().bindBidirectional(boxed);
        s.getProperties().put(HeadsForm.class, boxed);   // the bridge lives as long as the spinner
        return s;
    }
}
