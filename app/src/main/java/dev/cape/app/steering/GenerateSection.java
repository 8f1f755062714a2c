package dev.cape.app.steering;

import dev.cape.app.model.ModelBar;
import dev.cape.app.model.ModelViewModel;
import dev.cape.inference.steer.SteeringSession;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextArea;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** "Generate": a prompt, the steering and sampling settings, and the unsteered and steered text side by side. */
final class GenerateSection extends VBox {

    GenerateSection(SteeringViewModel vm, ModelViewModel model) {
        super(6);
        setStyle("-fx-padding: 8;");
        TextArea prompt = new TextArea();
        prompt.setId("steer-prompt");
        prompt.setPrefRowCount(3);
        prompt.setWrapText(true);
        prompt.textProperty().bindBidirectional(vm.promptProperty());
        ComboBox<SteeringSession.Site> site = new ComboBox<>();
        site.getItems().addAll(SteeringSession.Site.values());
        site.valueProperty().bindBidirectional(vm.siteProperty());
        site.setConverter(new javafx.util.StringConverter<>() {
            @Override
            public String toString(SteeringSession.Site s) {
                return s == null ? "" : s.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
            }

            @Override
            public SteeringSession.Site fromString(String text) {
                return SteeringSession.Site.valueOf(text.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
            }
        });
        CheckBox newOnly = new CheckBox("New tokens only");
        newOnly.selectedProperty().bindBidirectional(vm.newTokensOnlyProperty());
        Button generate = new Button("Generate");
        generate.setId("steer-generate");
        generate.disableProperty().bind(model.runningProperty());
        generate.setOnAction(e -> vm.generate());

        Spinner<Integer> layer = Controls.integers(vm.layerProperty(), 0, 10_000, 1, "steer-layer");
        ModelBar.boundBy(layer, model.layersProperty());
        TextArea plain = output("steer-unsteered", vm.unsteeredProperty());
        TextArea steered = output("steer-steered", vm.steeredProperty());
        VBox left = new VBox(4, new Label("Unsteered"), plain);
        VBox right = new VBox(4, new Label("Steered"), steered);
        HBox.setHgrow(left, Priority.ALWAYS);
        HBox.setHgrow(right, Priority.ALWAYS);
        HBox texts = new HBox(8, left, right);
        VBox.setVgrow(texts, Priority.ALWAYS);
        getChildren().addAll(new Label("Prompt"), prompt,
                Controls.flow("α (units of σ)", Controls.decimals(vm.alphaProperty(), -1000, 1000, 0.5, "steer-alpha"),
                        "Layer", layer, "Site", site,
                        newOnly),
                Controls.flow("Max tokens", Controls.integers(vm.maxTokensProperty(), 1, 4096, 8, "steer-max-tokens"),
                        "Temperature (0 = greedy)", Controls.decimals(vm.temperatureProperty(), 0, 5, 0.1,
                                "steer-temperature"),
                        "Seed", Controls.integers(vm.seedProperty(), 0, Integer.MAX_VALUE, 1, "steer-seed"),
                        generate),
                Controls.error(vm.errorProperty(), "steer-error"),
                texts);
    }

    private static TextArea output(String id, ObservableStringValue text) {
        TextArea a = new TextArea();
        a.setId(id);
        a.setEditable(false);
        a.setWrapText(true);
        a.textProperty().bind(text);
        VBox.setVgrow(a, Priority.ALWAYS);
        return a;
    }
}
