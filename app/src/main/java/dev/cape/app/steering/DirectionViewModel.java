package dev.cape.app.steering;

import dev.cape.app.charts.FigureViewModel;
import dev.cape.app.common.TaskCallbacks;
import dev.cape.app.common.TaskRunner;
import dev.cape.app.model.ModelViewModel;
import dev.cape.app.workflow.StatementSources;
import dev.cape.app.workflow.charts.ChartStyle;
import dev.cape.app.workflow.charts.DirectionLayersChart;
import dev.cape.inference.direction.DirectionExtraction;
import dev.cape.inference.direction.DirectionFile;
import dev.cape.inference.direction.DirectionFinder;
import dev.cape.inference.direction.DirectionMethod;
import dev.cape.inference.direction.DirectionReport;
import dev.cape.inference.direction.StatementBos;
import dev.cape.inference.eval.ModelFiles;
import dev.cape.inference.eval.StatementSet;
import java.nio.file.Path;
import java.util.Locale;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The active truth direction: extracted from labelled statements on the loaded model (as {@code cape direction}
 * does), or opened from a vector file; its per-layer report and layer chart; saving it with its provenance.
 */
public final class DirectionViewModel {

    /** Sequences per forward pass, as {@code cape direction}'s default. */
    static final int BATCH = 32;

    private final ModelViewModel model;
    private final TaskRunner runner;
    private final BooleanProperty dark;
    private final StringProperty source = new SimpleStringProperty("bundled:larger_than");
    private final StringProperty method = new SimpleStringProperty(DirectionMethod.MASS_MEAN.id());
    private final ObjectProperty<Integer> splitSeed = new SimpleObjectProperty<>(1);
    private final ObjectProperty<Double> testShare = new SimpleObjectProperty<>(0.5);
    private final ObjectProperty<Integer> limit = new SimpleObjectProperty<>(0);
    private final StringProperty bos = new SimpleStringProperty(StatementBos.TOKENIZER_DEFAULT.id());
    private final ReadOnlyObjectWrapper<DirectionReport> report = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<DirectionFile.Stored> active = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("no direction yet: extract or open one");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final FigureViewModel figure;

    private record Extracted(DirectionReport report, DirectionFile.Stored stored) {
    }

    public DirectionViewModel(ModelViewModel model, TaskRunner runner, BooleanProperty dark) {
        this.model = model;
        this.runner = runner;
        this.dark = dark;
        this.figure = new FigureViewModel(runner);
        dark.addListener((o, a, b) -> redraw());
        active.addListener((o, a, s) -> summary.set(s == null ? "no direction yet: extract or open one" : describe(s)));
    }

    /** Fits a direction at every layer on the loaded model; the result becomes the active direction. */
    public void extract() {
        DirectionMethod m;
        StatementBos b;
        try {
            m = DirectionMethod.parse(method.get());
            b = StatementBos.parse(bos.get());
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return;
        }
        String spec = source.get().strip();
        int n = limit.get();
        long seed = splitSeed.get();
        double share = testShare.get();
        Path modelPath = Path.of(model.pathProperty().get().strip());
        error.set("");
        model.run("Extracting the truth direction", (lm, progress) -> {
            StatementSet set = StatementSources.limitItems(StatementSources.read(spec), n, seed);
            DirectionFinder finder = DirectionFinder.withDefaults().with(m);
            DirectionReport r = DirectionExtraction.run(lm, set, finder, share, seed, BATCH, b,
                    progress::progress).report();
            return new Extracted(r, DirectionFile.of(r, new DirectionFile.Provenance(ModelFiles.id(modelPath),
                    ModelFiles.sha256(modelPath), set.name(), set.sha256(), share, b, n)));
        }, x -> {
            report.set(x.report());
            active.set(x.stored());
            redraw();
        }, this::failed);
    }

    /**
     * Reads a vector file in the background; it becomes the active direction, with the layer report rebuilt from
     * its metadata when it stores every layer.
     */
    public void open(Path file) {
        error.set("");
        runner.run("Opening " + file.getFileName(), p -> DirectionFile.read(file), TaskCallbacks.of(s -> {
            report.set(s.report().orElse(null));
            active.set(s);
            redraw();
        }, this::failed));
    }

    /** Writes the active direction, with its provenance, to {@code file}. */
    public void save(Path file) {
        DirectionFile.Stored s = active.get();
        if (s == null) {
            error.set("nothing to save yet: extract or open a direction first");
            return;
        }
        runner.run("Saving " + file.getFileName(), p -> {
            DirectionFile.write(s, file);
            return file;
        }, TaskCallbacks.of(f -> error.set(""), this::failed));
    }

    private void redraw() {
        DirectionReport r = report.get();
        figure.chartProperty().set(r == null ? null : DirectionLayersChart.build(r, new ChartStyle(dark.get(),
                java.util.Set.of())));
    }

    private void failed(Throwable e) {
        error.set(e.getMessage() == null ? e.toString() : e.getMessage());
    }

    static String describe(DirectionFile.Stored s) {
        return String.format(Locale.ROOT, "layer %d, σ %.4g · %s on %s · %s · layers %s", s.layer(),
                s.sigmas().get(s.layer()), s.meta("method"), s.meta("dataset"), s.meta("model_id"),
                s.directions().keySet());
    }

    public StringProperty sourceProperty() { return source; }
    public StringProperty methodProperty() { return method; }
    public ObjectProperty<Integer> splitSeedProperty() { return splitSeed; }
    public ObjectProperty<Double> testShareProperty() { return testShare; }
    public ObjectProperty<Integer> limitProperty() { return limit; }
    public StringProperty bosProperty() { return bos; }
    public ReadOnlyObjectProperty<DirectionReport> reportProperty() { return report.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<DirectionFile.Stored> activeProperty() { return active.getReadOnlyProperty(); }
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public FigureViewModel figure() { return figure; }
}
