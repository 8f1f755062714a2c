package dev.cape.app.workflow.charts;

import dev.cape.analysis.diagnosis.FamilyDiagnosis;
import dev.cape.analysis.resampling.CouplingBand;
import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import org.jfree.chart.renderer.xy.DeviationRenderer;
import org.jfree.data.xy.YIntervalSeries;
import org.jfree.data.xy.YIntervalSeriesCollection;

/**
 * The translucent pointwise bootstrap bands of the coupling chart: one {@link YIntervalSeries} per run of grid points
 * where a family's band is defined (a gap where it is not), drawn by a {@link DeviationRenderer} without lines.
 */
final class CurveBands {

    private static final float ALPHA = 0.09f;

    private final YIntervalSeriesCollection dataset = new YIntervalSeriesCollection();
    private final List<Color> colours = new ArrayList<>();
    private final List<String> tips = new ArrayList<>();
    private final List<int[]> contributing = new ArrayList<>();

    /** Adds the band of one family (nothing when it has none) in the family's colour. */
    void add(FamilyDiagnosis f, Color colour) {
        CouplingBand band = f.band();
        if (band == null || f.curve() == null) {
            return;
        }
        double[] c = f.curve().gridC();
        int[] n = band.contributing();
        YIntervalSeries run = null;
        int[] runCounts = null;
        int runs = 0;
        for (int k = 0; k < band.size(); k++) {
            if (!band.defined(k)) {
                run = null;
                continue;
            }
            if (run == null) {
                runs++;
                run = new YIntervalSeries(runs == 1 ? f.family() : f.family() + " (" + runs + ")", false, true);
                runCounts = new int[band.size()];
                dataset.addSeries(run);
                colours.add(colour);
                tips.add(f.family() + ": pointwise " + Math.round(100 * band.level()) + "% bootstrap band of c");
                contributing.add(runCounts);
            }
            double lo = band.lower(k);
            double hi = band.upper(k);
            double y = Double.isNaN(c[k]) ? (lo + hi) / 2 : c[k];
            runCounts[run.getItemCount()] = n[k];
            run.add(Math.pow(10, band.x(k)), y, lo, hi);
        }
    }

    YIntervalSeriesCollection dataset() {
        return dataset;
    }

    DeviationRenderer renderer() {
        DeviationRenderer r = new DeviationRenderer(false, false);
        r.setAlpha(ALPHA);
        for (int s = 0; s < colours.size(); s++) {
            r.setSeriesFillPaint(s, colours.get(s));
            r.setSeriesPaint(s, colours.get(s));
        }
        r.setDefaultToolTipGenerator((data, series, item) -> tips.get(series) + " at N = "
                + Layers.n(data.getXValue(series, item)) + ": [" + Layers.f2(dataset.getStartYValue(series, item))
                + ", " + Layers.f2(dataset.getEndYValue(series, item)) + "] over "
                + contributing.get(series)[item] + " resamples");
        return r;
    }
}
