package dev.cape.app.charts;

import dev.cape.app.common.TaskCallbacks;
import dev.cape.app.common.TaskRunner;
import dev.cape.app.workflow.charts.ChartExport;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import org.jfree.chart.JFreeChart;

/**
 * One figure outside the chart tabs (head map, layer curve, steering sweep): the chart its owner builds, and its
 * export to PNG or SVG in the background, with the outcome in {@link #messageProperty()} or {@link #errorProperty()}.
 */
public final class FigureViewModel {

    private final TaskRunner runner;
    private final ObjectProperty<JFreeChart> chart = new SimpleObjectProperty<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    public FigureViewModel(TaskRunner runner) {
        this.runner = runner;
    }

    /** Writes the figure; refused with a message while there is none. */
    public void export(Path file, ChartExport.Format format, int width, int height) {
        JFreeChart c = chart.get();
        if (c == null) {
            error.set("nothing to export yet: run it first");
            return;
        }
        runner.run("Exporting " + file.getFileName(), p -> ChartExport.write(c, file, format, width, height),
                TaskCallbacks.of(f -> {
                    error.set("");
                    message.set("Wrote " + f);
                }, e -> error.set(e.getMessage() == null ? e.toString() : e.getMessage())));
    }

    /** The figure drawn into an image (for the clipboard); null while there is none. */
    public BufferedImage image(int width, int height) {
        JFreeChart c = chart.get();
        return c == null ? null : c.createBufferedImage(width, height);
    }

    /** The figure; its owner sets it, the view shows it. */
    public ObjectProperty<JFreeChart> chartProperty() { return chart; }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
}
