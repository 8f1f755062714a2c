package dev.cape.app.heads;

import dev.cape.app.common.LazyTabs;
import dev.cape.app.charts.FigurePane;
import dev.cape.app.model.ModelBar;
import dev.cape.app.model.ModelViewModel;
import dev.cape.app.workflow.charts.HeadMetric;
import javafx.geometry.Insets;
import javafx.geometry.Orientation;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The head inspector tab: the shared model row, the census settings, a Run button, the verdict, and the head map
 * beside the table of every head; below them the attention pattern of the head selected in the table.
 */
public final class HeadInspectorTab extends Tab {

    public HeadInspectorTab(HeadsViewModel vm, ModelViewModel model) {
        super("Head inspector");
        setId("tab-heads");
        setClosable(false);
        LazyTabs.contentOnFirstShow(this, () -> content(vm, model));
    }

    private static javafx.scene.Node content(HeadsViewModel vm, ModelViewModel model) {
        Button run = new Button("Run census");
        run.setId("heads-run");
        run.disableProperty().bind(model.runningProperty());
        run.setOnAction(e -> vm.run());
        ComboBox<HeadMetric> metric = new ComboBox<>();
        metric.setId("heads-metric");
        metric.getItems().addAll(HeadMetric.values());
        metric.valueProperty().bindBidirectional(vm.metricProperty());
        Label verdict = new Label();
        verdict.setId("heads-verdict");
        verdict.textProperty().bind(vm.verdictProperty());
        verdict.setStyle("-fx-font-weight: bold;");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        run.setMinWidth(Button.USE_PREF_SIZE);
        Label colourBy = new Label("Colour by");
        colourBy.setMinWidth(Label.USE_PREF_SIZE);
        HBox actions = new HBox(8, run, verdict, gap, colourBy, metric);
        actions.setAlignment(Pos.CENTER_LEFT);
        actions.setPadding(new Insets(2, 8, 2, 8));
        Label error = new Label();
        error.setId("heads-error");
        error.textProperty().bind(vm.errorProperty());
        error.setStyle("-fx-text-fill: #c62828;");
        error.setWrapText(true);
        error.setPadding(new Insets(0, 8, 0, 8));
        error.managedProperty().bind(vm.errorProperty().isNotEmpty());
        VBox top = new VBox(2, new ModelBar(model, "heads"), new HeadsForm(vm), actions, error);
        SplitPane census = new SplitPane(new FigurePane(vm.figure(), "head-map", "Run the census to see every head"),
                new HeadsTable(vm.rows(), vm.pattern()::select));
        census.setOrientation(Orientation.HORIZONTAL);
        census.setDividerPositions(0.5);
        SplitPane centre = new SplitPane(census, new PatternPane(vm.pattern(), model));
        centre.setOrientation(Orientation.VERTICAL);
        centre.setDividerPositions(0.5);
        BorderPane content = new BorderPane(centre);
        content.setTop(top);
        return content;
    }
}
