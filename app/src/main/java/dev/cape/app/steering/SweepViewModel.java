package dev.cape.app.steering;

import dev.cape.app.charts.FigureViewModel;
import dev.cape.app.common.TaskRunner;
import dev.cape.app.model.ModelViewModel;
import dev.cape.app.workflow.SteeringEvalSet;
import dev.cape.app.workflow.StatementSources;
import dev.cape.app.workflow.charts.ChartStyle;
import dev.cape.app.workflow.charts.SteeringSweepChart;
import dev.cape.inference.direction.DirectionFile;
import dev.cape.inference.eval.SteeringEvaluation;
import dev.cape.inference.eval.TrueFalseTask;
import dev.cape.inference.steer.SteeringSession;
import dev.cape.inference.steer.SteeringVector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * An α sweep on an evaluation set, as {@code cape steer --eval} does: accuracy, corrected and broken shares, KL on
 * neutral text (and MC2 for TruthfulQA) per α, at the generation section's layer and site; on the direction's own
 * data only its held-out split is scored ({@link SteeringEvalSet}).
 */
public final class SweepViewModel {

    private final ModelViewModel model;
    private final SteeringViewModel generation;
    private final BooleanProperty dark;
    private final StringProperty evalFile = new SimpleStringProperty("bundled:larger_than");
    private final StringProperty alphas = new SimpleStringProperty("0,1,2,4,8");
    private final ObjectProperty<Integer> limit = new SimpleObjectProperty<>(0);
    private final StringProperty template = new SimpleStringProperty(TrueFalseTask.DEFAULT_TEMPLATE);
    private final ReadOnlyObjectWrapper<SteeringEvaluation.Result> result = new ReadOnlyObjectWrapper<>();
    private final ObservableList<SteeringEvaluation.Point> rows = FXCollections.observableArrayList();
    private final ObservableList<SteeringEvaluation.Point> readOnlyRows =
            FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyStringWrapper note = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final FigureViewModel figure;
    private double sigma;

    private record Sweep(SteeringEvaluation.Result result, String note) {
    }

    public SweepViewModel(ModelViewModel model, TaskRunner runner, SteeringViewModel generation,
            BooleanProperty dark) {
        this.model = model;
        this.figure = new FigureViewModel(runner);
        this.generation = generation;
        this.dark = dark;
        dark.addListener((o, a, b) -> redraw());
    }

    /** Parses "0, 1, 2.5" into alphas; fails naming the entry that is not a number. */
    static double[] parseAlphas(String text) {
        String[] parts = text.split(",");
        double[] out = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            try {
                out[i] = Double.parseDouble(parts[i].strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("alphas must be numbers separated by commas, e.g. 0,1,2,4,8: '"
                        + parts[i].strip() + "' in '" + text + "'", e);
            }
            if (!Double.isFinite(out[i])) {
                throw new IllegalArgumentException("alphas must be finite: '" + parts[i].strip() + "'");
            }
        }
        return out;
    }

    /** Runs the sweep on the loaded model. */
    public void run() {
        double[] as;
        try {
            as = parseAlphas(alphas.get());
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        String source = evalFile.get() == null ? "" : evalFile.get().strip();
        if (source.isEmpty() || !StatementSources.isNamed(source) && !Files.isRegularFile(Path.of(source))) {
            error.set("evaluation file not found: " + (source.isEmpty() ? "(none chosen)" : source));
            return;
        }
        SteeringVector v = generation.vector();
        if (v == null) {
            error.set(generation.errorProperty().get());
            return;
        }
        DirectionFile.Stored stored = generation.direction();
        SteeringSession.Site at = generation.siteProperty().get();
        int n = limit.get();
        String t = template.get();
        error.set("");
        model.run("Steering sweep", (lm, progress) -> {
            SteeringEvalSet set = SteeringEvalSet.of(source, stored, n, t, DirectionViewModel.BATCH);
            return new Sweep(SteeringEvaluation.sweep(lm, set.task(), v, as, at, SteeringEvaluation.NEUTRAL_TEXTS,
                    progress::progress), set.note());
        }, s -> {
            sigma = v.sigma();
            note.set(s.note());
            result.set(s.result());
            rows.setAll(s.result().points());
            redraw();
        }, e -> error.set(e.getMessage() == null ? e.toString() : e.getMessage()));
    }

    private void redraw() {
        SteeringEvaluation.Result r = result.get();
        figure.chartProperty().set(r == null ? null
                : SteeringSweepChart.build(r, new ChartStyle(dark.get(), Set.of()), sigma));
    }

    public StringProperty evalFileProperty() { return evalFile; }
    public StringProperty alphasProperty() { return alphas; }
    public ObjectProperty<Integer> limitProperty() { return limit; }
    public StringProperty templateProperty() { return template; }
    public ReadOnlyObjectProperty<SteeringEvaluation.Result> resultProperty() { return result.getReadOnlyProperty(); }
    public ObservableList<SteeringEvaluation.Point> rows() { return readOnlyRows; }
    public ReadOnlyStringProperty noteProperty() { return note.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public FigureViewModel figure() { return figure; }
}
