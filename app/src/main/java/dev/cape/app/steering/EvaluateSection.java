package dev.cape.app.steering;

import dev.cape.app.common.TableMenu;
import dev.cape.app.charts.FigurePane;
import dev.cape.app.model.ModelViewModel;
import dev.cape.inference.eval.SteeringEvaluation;
import java.util.Locale;
import java.util.function.Function;
import javafx.beans.binding.Bindings;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.geometry.Orientation;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

/** "Evaluate": the evaluation file and alphas, the sweep's table and its chart. */
final class EvaluateSection extends BorderPane {

    EvaluateSection(SweepViewModel vm, SteeringViewModel generation, ModelViewModel model) {
        TextField file = new TextField();
        file.setId("sweep-file");
        file.setPromptText("statement CSV, TruthfulQA file, bundled:NAME or generated:KIND "
                + "(the direction's own set: its held-out split only)");
        file.textProperty().bindBidirectional(vm.evalFileProperty());
        HBox.setHgrow(file, Priority.ALWAYS);
        Button choose = new Button("File…");
        choose.setOnAction(e -> Controls.open(getScene().getWindow(), "Evaluation set", "*.csv", "*.json")
                .ifPresent(f -> vm.evalFileProperty().set(f.getPath())));
        TextField alphas = new TextField();
        alphas.setId("sweep-alphas");
        alphas.textProperty().bindBidirectional(vm.alphasProperty());
        TextField template = new TextField();
        template.textProperty().bindBidirectional(vm.templateProperty());
        Button run = new Button("Run");
        run.setId("sweep-run");
        run.disableProperty().bind(model.runningProperty());
        run.setOnAction(e -> vm.run());
        Label where = new Label();
        where.textProperty().bind(Bindings.createStringBinding(() -> "steers layer " + generation.layerProperty()
                .get() + " at " + generation.siteProperty().get().name().toLowerCase(Locale.ROOT).replace('_', '-')
                + " (set under Generate)", generation.layerProperty(), generation.siteProperty()));
        Label note = new Label();
        note.textProperty().bind(vm.noteProperty());
        VBox top = new VBox(6, Controls.row("Evaluation file", file, choose),
                Controls.flow("Alphas", alphas, "Items (0 = all)", Controls.integers(vm.limitProperty(), 0, 1_000_000,
                        50, "sweep-limit"), "Template", template, run, where),
                note, Controls.error(vm.errorProperty(), "sweep-error"));
        top.setStyle("-fx-padding: 8;");
        setTop(top);

        TableView<SteeringEvaluation.Point> table = new TableView<>(vm.rows());
        TableMenu.attach(table, "steering-sweep");
        table.setId("sweep-table");
        table.setColumnResizePolicy(TableView.CONSTRAINED_RESIZE_POLICY_FLEX_LAST_COLUMN);
        table.getColumns().add(column("α", p -> p.alpha() == Math.rint(p.alpha()) ? Long.toString((long) p.alpha())
                : Double.toString(p.alpha())));
        table.getColumns().add(column("accuracy", p -> number("%.3f", p.accuracy())));
        table.getColumns().add(column("corrected", p -> number("%.3f", p.correctedShare())));
        table.getColumns().add(column("broken", p -> number("%.3f", p.brokenShare())));
        table.getColumns().add(column("KL (nats)", p -> number("%.4f", p.kl())));
        table.getColumns().add(column("MC2", p -> number("%.3f", p.mc2())));
        table.setPlaceholder(new Label("Run a sweep to see one row per α."));
        SplitPane split = new SplitPane(table, new FigurePane(vm.figure(), "steering-sweep",
                "Run a sweep to see accuracy, corrected and broken shares and KL against α."));
        split.setOrientation(Orientation.VERTICAL);
        split.setDividerPositions(0.3);
        setCenter(split);
    }

    private static TableColumn<SteeringEvaluation.Point, String> column(String title,
            Function<SteeringEvaluation.Point, String> text) {
        TableColumn<SteeringEvaluation.Point, String> c = new TableColumn<>(title);
        c.setCellValueFactory(cell -> new ReadOnlyStringWrapper(text.apply(cell.getValue())));
        return c;
    }

    private static String number(String format, double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, format, v);
    }
}
