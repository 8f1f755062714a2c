package dev.cape.app.charts;

import dev.cape.app.common.TaskCallbacks;
import dev.cape.app.common.TaskRunner;
import dev.cape.app.shell.WorkbenchViewModel;
import dev.cape.app.workflow.WorkbenchAnalysis;
import dev.cape.app.workflow.charts.ChartExport;
import dev.cape.app.workflow.charts.ChartKind;
import dev.cape.app.workflow.charts.ChartStyle;
import dev.cape.app.workflow.charts.WorkbenchCharts;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import org.jfree.chart.JFreeChart;

/**
 * The charts of the latest result, rebuilt when the result, the selected models, the theme or the legend setting
 * change, and the export commands. Export runs in the background; its outcome is reported in {@link #messageProperty()}
 * and failures in {@link #errorProperty()}.
 */
public final class ChartsViewModel {

    private final WorkbenchViewModel session;
    private final TaskRunner runner;
    private final ReadOnlyObjectWrapper<Map<ChartKind, JFreeChart>> charts = new ReadOnlyObjectWrapper<>(Map.of());
    private final BooleanProperty dark = new SimpleBooleanProperty();
    private final BooleanProperty legends = new SimpleBooleanProperty(true);
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyObjectWrapper<Long> lastBuildMillis = new ReadOnlyObjectWrapper<>();

    public ChartsViewModel(WorkbenchViewModel session, TaskRunner runner) {
        this.session = session;
        this.runner = runner;
        session.resultProperty().addListener((o, a, b) -> rebuild());
        session.selectedModelsProperty().addListener((o, a, b) -> rebuild());
        dark.addListener((o, a, b) -> rebuild());
        legends.addListener((o, a, b) -> rebuild());
        rebuild();
    }

    private ChartStyle style() {
        return new ChartStyle(dark.get(), session.selectedModelsProperty().get());
    }

    private void rebuild() {
        WorkbenchAnalysis.Result r = session.resultProperty().get();
        if (r == null) {
            return;
        }
        long t0 = System.nanoTime();
        Map<ChartKind, JFreeChart> built = WorkbenchCharts.buildAll(r, style());
        built.values().forEach(c -> {
            if (c.getLegend() != null) {
                c.getLegend().setVisible(legends.get());
            }
        });
        charts.set(Map.copyOf(built));
        lastBuildMillis.set((System.nanoTime() - t0) / 1_000_000);
    }

    /**
     * Writes one chart as it is shown now, at the given size. The worker draws its own copy of the chart, built
     * from the same result and style, since the one on screen belongs to the FX thread.
     */
    public void export(ChartKind kind, Path file, ChartExport.Format format, int width, int height) {
        WorkbenchAnalysis.Result r = session.resultProperty().get();
        if (r == null) {
            error.set("nothing to export yet: the analysis has not finished");
            return;
        }
        ChartStyle style = style();
        boolean legend = legends.get();
        runner.run("Exporting " + kind.title(), p -> {
            JFreeChart chart = WorkbenchCharts.build(kind, r, style);
            if (chart.getLegend() != null) {
                chart.getLegend().setVisible(legend);
            }
            return ChartExport.write(chart, file, format, width, height);
        }, TaskCallbacks.of(f -> done("Wrote " + f), this::failed));
    }

    /** Writes every chart into a folder as PNG and SVG. */
    public void exportAll(Path dir, int width, int height) {
        WorkbenchAnalysis.Result r = session.resultProperty().get();
        if (r == null) {
            error.set("nothing to export yet: the analysis has not finished");
            return;
        }
        ChartStyle style = style();
        runner.run("Exporting all charts", p -> ChartExport.exportAll(r, style, dir,
                List.of(ChartExport.Format.PNG, ChartExport.Format.SVG), width, height),
                TaskCallbacks.of(files -> done("Wrote " + files.size() + " files to " + dir), this::failed));
    }

    /** The chart drawn into an image, for the clipboard; null before the first result. */
    public BufferedImage image(ChartKind kind, int width, int height) {
        JFreeChart chart = charts.get().get(kind);
        return chart == null ? null : chart.createBufferedImage(width, height);
    }

    private void done(String m) {
        error.set("");
        message.set(m);
    }

    private void failed(Throwable e) {
        error.set(e.getMessage() == null ? e.toString() : e.getMessage());
    }

    public ReadOnlyObjectProperty<Map<ChartKind, JFreeChart>> chartsProperty() { return charts.getReadOnlyProperty(); }
    public BooleanProperty darkProperty() { return dark; }
    public BooleanProperty legendsProperty() { return legends; }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Long> lastBuildMillisProperty() { return lastBuildMillis.getReadOnlyProperty(); }
}
