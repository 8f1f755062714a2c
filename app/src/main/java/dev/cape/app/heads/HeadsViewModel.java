package dev.cape.app.heads;

import dev.cape.app.charts.FigureViewModel;
import dev.cape.app.common.TaskRunner;
import dev.cape.app.model.ModelViewModel;
import dev.cape.app.workflow.StatementSources;
import dev.cape.app.workflow.charts.ChartStyle;
import dev.cape.app.workflow.charts.HeadMapChart;
import dev.cape.app.workflow.charts.HeadMetric;
import dev.cape.inference.eval.StatementSet;
import dev.cape.inference.heads.CensusReport;
import dev.cape.inference.heads.HeadCensus;
import dev.cape.inference.heads.HeadResult;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The head census settings, the last census, its rows and verdict, and its head map. {@link #run()} reads both
 * statement sets and runs the census as one job on the shared model; a failed or refused run keeps the last report.
 * {@link #pattern()} shows the attention pattern of one head on a prompt.
 */
public final class HeadsViewModel {

    private final ModelViewModel model;
    private final FigureViewModel figure;
    private final PatternViewModel pattern;
    private final StringProperty truthSource = new SimpleStringProperty("bundled:larger_than");
    private final StringProperty reasoningSource = new SimpleStringProperty("generated:addition");
    private final IntegerProperty limit = new SimpleIntegerProperty(100);
    private final IntegerProperty permutations = new SimpleIntegerProperty(1000);
    private final IntegerProperty randomDirections = new SimpleIntegerProperty(100);
    private final DoubleProperty alpha = new SimpleDoubleProperty(0.05);
    private final IntegerProperty seed = new SimpleIntegerProperty(1);
    private final ObjectProperty<HeadCensus.Ablate> ablate = new SimpleObjectProperty<>(HeadCensus.Ablate.CANDIDATES);
    private final IntegerProperty batchSize = new SimpleIntegerProperty(32);
    private final ObjectProperty<HeadMetric> metric = new SimpleObjectProperty<>(HeadMetric.TRUTH_Z);
    private final BooleanProperty dark = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<CensusReport> report = new ReadOnlyObjectWrapper<>();
    private final ObservableList<HeadResult> rows = FXCollections.observableArrayList();
    private final ObservableList<HeadResult> readOnlyRows = FXCollections.unmodifiableObservableList(rows);
    private final ReadOnlyStringWrapper verdict = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    public HeadsViewModel(ModelViewModel model, TaskRunner runner) {
        this.model = model;
        this.figure = new FigureViewModel(runner);
        this.pattern = new PatternViewModel(model, runner);
        pattern.darkProperty().bind(dark);
        report.addListener((o, a, b) -> redraw());
        metric.addListener((o, a, b) -> redraw());
        dark.addListener((o, a, b) -> redraw());
    }

    /** Runs the census on the shared model with the current settings; refused while the model is busy. */
    public void run() {
        String truthSpec = truthSource.get() == null ? "" : truthSource.get().strip();
        String reasoningSpec = reasoningSource.get() == null ? "" : reasoningSource.get().strip();
        int n = limit.get();
        long s = seed.get();
        HeadCensus census;
        try {
            census = HeadCensus.withDefaults().withPermutations(permutations.get())
                    .withRandomDirections(randomDirections.get()).withAlpha(alpha.get()).withSeed(s)
                    .withBatchSize(batchSize.get()).with(ablate.get());
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        error.set("");
        model.run("Head census", (lm, progress) -> {
            StatementSet truth = StatementSources.limitItems(StatementSources.read(truthSpec), n, s);
            StatementSet reasoning = StatementSources.limitItems(StatementSources.read(reasoningSpec), n, s);
            return census.run(lm, truth, reasoning, progress::progress);
        }, this::show, e -> error.set(ModelViewModel.message(e)));
    }

    private void show(CensusReport r) {
        rows.setAll(r.heads());
        verdict.set(HeadMapChart.verdict(r));
        report.set(r);
    }

    private void redraw() {
        CensusReport r = report.get();
        figure.chartProperty().set(r == null || metric.get() == null ? null
                : HeadMapChart.build(r, metric.get(), new ChartStyle(dark.get(), Set.of())));
    }

    public FigureViewModel figure() { return figure; }
    /** The attention pattern of the selected head, in the same theme as the head map. */
    public PatternViewModel pattern() { return pattern; }
    public StringProperty truthSourceProperty() { return truthSource; }
    public StringProperty reasoningSourceProperty() { return reasoningSource; }
    public IntegerProperty limitProperty() { return limit; }
    public IntegerProperty permutationsProperty() { return permutations; }
    public IntegerProperty randomDirectionsProperty() { return randomDirections; }
    public DoubleProperty alphaProperty() { return alpha; }
    public IntegerProperty seedProperty() { return seed; }
    public ObjectProperty<HeadCensus.Ablate> ablateProperty() { return ablate; }
    public IntegerProperty batchSizeProperty() { return batchSize; }
    public ObjectProperty<HeadMetric> metricProperty() { return metric; }
    public BooleanProperty darkProperty() { return dark; }
    public ReadOnlyObjectProperty<CensusReport> reportProperty() { return report.getReadOnlyProperty(); }
    public ObservableList<HeadResult> rows() { return readOnlyRows; }
    public ReadOnlyStringProperty verdictProperty() { return verdict.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
}
