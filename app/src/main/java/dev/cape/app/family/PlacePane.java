package dev.cape.app.family;

import java.util.LinkedHashMap;
import java.util.Map;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.TitledPane;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

/**
 * "Place a model": the name, size, optional width and the scores of one model that is not in the data, placed among
 * the families at its scale; the result shows in the tab's tables like any family's.
 */
final class PlacePane extends TitledPane {

    private final Map<String, TextField> scores = new LinkedHashMap<>();
    private final FlowPane scoreFields = new FlowPane(12, 4);

    PlacePane(FamilyViewModel vm) {
        setText("Place a model that is not in the data (its phase among the families at its scale)");
        setExpanded(false);
        setId("family-place-pane");
        TextField name = field("family-place-name", "my-model-1b", 140);
        TextField params = field("family-place-params", "1.1", 70);
        TextField hidden = field("family-place-hidden", "optional", 80);
        Button place = new Button("Place");
        place.setId("family-place");
        place.disableProperty().bind(vm.runningProperty());
        place.setOnAction(e -> {
            Map<String, String> typed = new LinkedHashMap<>();
            scores.forEach((b, f) -> typed.put(b, f.getText()));
            vm.place(name.getText(), params.getText(), hidden.getText(), typed);
        });
        vm.placeBenchmarks().addListener((ListChangeListener<String>) c -> fill(vm));
        fill(vm);
        FlowPane model = new FlowPane(12, 4, pair("Model", name), pair("Parameters (B)", params),
                pair("Hidden size", hidden));
        Label hint = new Label("Scores as fractions in [0, 1], for the benchmarks of the current settings.");
        hint.setStyle("-fx-opacity: 0.75;");
        setContent(new VBox(6, model, scoreFields, new HBox(8, place, hint)));
    }

    /** One field per benchmark of the settings, keeping what was typed in the ones that stay. */
    private void fill(FamilyViewModel vm) {
        Map<String, TextField> old = new LinkedHashMap<>(scores);
        scores.clear();
        scoreFields.getChildren().clear();
        for (String b : vm.placeBenchmarks()) {
            TextField f = old.containsKey(b) ? old.get(b) : field("family-place-" + b, "0.00", 60);
            scores.put(b, f);
            scoreFields.getChildren().add(pair(b, f));
        }
    }

    private static TextField field(String id, String prompt, double width) {
        TextField f = new TextField();
        f.setId(id);
        f.setPromptText(prompt);
        f.setPrefWidth(width);
        return f;
    }

    private static HBox pair(String label, TextField field) {
        Label l = new Label(label);
        l.setMinWidth(Label.USE_PREF_SIZE);
        HBox h = new HBox(4, l, field);
        h.setAlignment(javafx.geometry.Pos.CENTER_LEFT);
        return h;
    }
}
