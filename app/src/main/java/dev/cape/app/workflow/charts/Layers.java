package dev.cape.app.workflow.charts;

import java.awt.BasicStroke;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.labels.XYToolTipGenerator;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * A series collection whose points keep the insertion order and carry a tooltip each, plus the helpers the chart
 * builders share (number formatting, the ring layer for selected models).
 */
final class Layers {

    private final XYSeriesCollection dataset = new XYSeriesCollection();
    private final List<List<String>> tips = new ArrayList<>();

    /** Adds an empty series (points in insertion order, duplicates allowed) and returns its index. */
    int series(String key) {
        dataset.addSeries(new XYSeries(key, false, true));
        tips.add(new ArrayList<>());
        return dataset.getSeriesCount() - 1;
    }

    /** Adds a point without change events (each event would make the collection rescan every point). */
    void add(int series, double x, double y, String tip) {
        dataset.getSeries(series).add(x, y, false);
        tips.get(series).add(tip);
    }

    XYSeriesCollection dataset() {
        return dataset;
    }

    XYToolTipGenerator tooltips() {
        return (data, series, item) -> tips.get(series).get(item);
    }

    /** Adds the selected models' points as rings on layer {@code index} of the plot. */
    static void addSelection(XYPlot plot, int index, Layers selected, ChartStyle style) {
        if (selected.dataset().getSeriesCount() == 0 || selected.dataset().getSeries(0).getItemCount() == 0) {
            return;
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(false, true);
        r.setSeriesShape(0, ChartStyle.RING);
        r.setSeriesShapesFilled(0, false);
        r.setSeriesPaint(0, style.ringColour());
        r.setSeriesStroke(0, new BasicStroke(2f));
        r.setDefaultToolTipGenerator(selected.tooltips());
        plot.setDataset(index, selected.dataset());
        plot.setRenderer(index, r);
    }

    static String f(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    static String f2(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }

    /** A parameter count in billions, e.g. "6.7 B". */
    static String n(double billions) {
        return Double.isNaN(billions) ? "n/a" : String.format(Locale.ROOT, "%.3g B", billions);
    }

    /** A p-value. */
    static String p(double p) {
        return Double.isNaN(p) ? "n/a" : p < 1e-4 ? String.format(Locale.ROOT, "%.1e", p)
                : String.format(Locale.ROOT, "%.4f", p);
    }
}
