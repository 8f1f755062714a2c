package dev.cape.app.heads;

import dev.cape.app.charts.FigurePane;
import dev.cape.app.model.ModelBar;
import dev.cape.app.model.ModelViewModel;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/** The attention pattern of one head: prompt, layer and head, a Show button, the error, and the heat map. */
final class PatternPane extends BorderPane {

    PatternPane(PatternViewModel vm, ModelViewModel model) {
        setId("pattern-pane");
        TextField prompt = new TextField();
        prompt.setId("pattern-prompt");
        prompt.textProperty().bindBidirectional(vm.promptProperty());
        prompt.setOnAction(e -> vm.show());
        HBox.setHgrow(prompt, Priority.ALWAYS);
        Button show = new Button("Show pattern");
        show.setId("pattern-show");
        show.setMinWidth(Region.USE_PREF_SIZE);
        show.disableProperty().bind(model.runningProperty());
        show.setOnAction(e -> vm.show());
        Spinner<Integer> layer = HeadsForm.spinner(vm.layerProperty(), 0, 10_000, 1, "pattern-layer");
        Spinner<Integer> head = HeadsForm.spinner(vm.headProperty(), 0, 10_000, 1, "pattern-head");
        ModelBar.boundBy(layer, model.layersProperty());
        ModelBar.boundBy(head, model.headsProperty());
        HBox controls = new HBox(6, HeadsForm.label("Prompt"), prompt, HeadsForm.label("Layer"), layer,
                HeadsForm.label("Head"), head, show);
        controls.setAlignment(Pos.CENTER_LEFT);
        controls.setPadding(new Insets(4, 8, 2, 8));
        Label error = new Label();
        error.setId("pattern-error");
        error.textProperty().bind(vm.errorProperty());
        error.setStyle("-fx-text-fill: #c62828;");
        error.setWrapText(true);
        error.setPadding(new Insets(0, 8, 0, 8));
        error.managedProperty().bind(vm.errorProperty().isNotEmpty());
        setTop(new VBox(2, controls, error));
        setCenter(new FigurePane(vm.figure(), "attention-pattern",
                "Type a prompt and press Show pattern, or pick a head in the table once a pattern is shown"));
    }

}
