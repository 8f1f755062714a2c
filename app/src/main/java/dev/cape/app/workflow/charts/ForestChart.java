package dev.cape.app.workflow.charts;

import dev.cape.analysis.coupling.CriticalScale;
import dev.cape.analysis.diagnosis.DiagnosisResult;
import dev.cape.analysis.diagnosis.FamilyDiagnosis;
import dev.cape.analysis.resampling.FamilyBootstrap;
import dev.cape.analysis.resampling.Log10Interval;
import dev.cape.analysis.resampling.MeanCriticalScale;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Path2D;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.IntervalMarker;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYErrorRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;

/**
 * Chart 3: N_c of each family with its 95% bootstrap interval, censored families as triangles pointing to the side
 * their N_c lies on, and the mean N_c (headline estimate) with its interval as a band.
 */
final class ForestChart {

    private ForestChart() {
    }

    static JFreeChart build(DiagnosisResult d, ChartStyle style) {
        List<String> names = new ArrayList<>();
        XYIntervalSeries exact = new XYIntervalSeries("N_c with 95% bootstrap CI");
        Layers censored = new Layers();
        int left = censored.series("below smallest N");
        int right = censored.series("above largest N");
        List<String> tips = new ArrayList<>();
        Layers selected = new Layers();
        selected.series("selected");
        for (FamilyDiagnosis f : d.families()) {
            CriticalScale s = f.nc();
            if (s.status() != CriticalScale.Status.CROSSING && !s.status().censored()) {
                continue;
            }
            int row = names.size();
            names.add(f.family());
            if (f.scores().models().stream().anyMatch(style.selected()::contains)) {
                selected.add(0, s.paramsB(), row, f.family() + ": has a selected model");
            }
            if (s.status() == CriticalScale.Status.CROSSING) {
                FamilyBootstrap.Result b = f.bootstrap();
                boolean ci = b != null && b.ciLog10() != null;
                double lo = ci ? Math.pow(10, b.ciLog10()[0]) : s.paramsB();
                double hi = ci ? Math.pow(10, b.ciLog10()[1]) : s.paramsB();
                exact.add(s.paramsB(), lo, hi, row, row, row);
                tips.add(f.family() + ": N_c = " + Layers.n(s.paramsB())
                        + (ci ? ", 95% CI " + Layers.n(lo) + " – " + Layers.n(hi) : ", no bootstrap CI"));
            } else {
                boolean below = s.status() == CriticalScale.Status.LEFT_CENSORED;
                censored.add(below ? left : right, s.paramsB(), row, f.family() + ": N_c " + (below ? "<" : ">")
                        + " " + Layers.n(s.paramsB()) + " (censored)");
            }
        }
        XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
        data.addSeries(exact);
        XYErrorRenderer r = new XYErrorRenderer();
        r.setDrawYError(false);
        r.setDefaultLinesVisible(false);
        r.setSeriesShape(0, ChartStyle.circle(8));
        r.setSeriesPaint(0, style.foreground());
        r.setErrorPaint(style.foreground());
        r.setErrorStroke(new BasicStroke(1.5f));
        r.setDefaultToolTipGenerator((ds, s, i) -> tips.get(i));
        XYLineAndShapeRenderer cr = new XYLineAndShapeRenderer(false, true);
        cr.setSeriesShape(left, triangle(-1));
        cr.setSeriesShape(right, triangle(1));
        cr.setSeriesPaint(left, ChartStyle.phaseColour(dev.cape.analysis.phase.Phase.COOPERATIVE));
        cr.setSeriesPaint(right, ChartStyle.phaseColour(dev.cape.analysis.phase.Phase.TAX));
        cr.setDefaultToolTipGenerator(censored.tooltips());
        SymbolAxis y = new SymbolAxis("family", names.toArray(String[]::new));
        y.setGridBandsVisible(false);
        y.setInverted(true);
        org.jfree.chart.axis.ValueAxis x = ChartStyle.logAxis("critical scale N_c (billion parameters, log scale)");
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setDataset(1, censored.dataset());
        plot.setRenderer(1, cr);
        Layers.addSelection(plot, 2, selected, style);
        MeanCriticalScale.Result mean = d.meanNc();
        OptionalDouble estimate = mean.headlineEstimate();
        Optional<Log10Interval> band = mean.headlineInterval();
        band.ifPresent(b -> plot.addDomainMarker(new IntervalMarker(b.lower(), b.upper(), new Color(120, 120, 200, 60))));
        estimate.ifPresent(e -> plot.addDomainMarker(new ValueMarker(e, new Color(60, 60, 200), new BasicStroke(2f))));
        LegendItemCollection items = new LegendItemCollection();
        items.add(new LegendItem("N_c, 95% bootstrap CI", null, null, null, ChartStyle.circle(8), style.foreground()));
        items.add(new LegendItem("N_c below smallest N", null, null, null, triangle(-1),
                ChartStyle.phaseColour(dev.cape.analysis.phase.Phase.COOPERATIVE)));
        items.add(new LegendItem("N_c above largest N", null, null, null, triangle(1),
                ChartStyle.phaseColour(dev.cape.analysis.phase.Phase.TAX)));
        items.add(new LegendItem("mean N_c and CI", null, null, null, new java.awt.Rectangle(-8, -5, 16, 10),
                new Color(120, 120, 200, 140)));
        if (!style.selected().isEmpty()) {
            items.add(ChartStyle.selectionLegend(style));
        }
        plot.setFixedLegendItems(items);
        String headline = estimate.isPresent() ? "mean N_c = " + Layers.n(estimate.getAsDouble())
                + band.map(b -> " (" + Math.round(100 * mean.confidenceLevel()) + "% CI " + Layers.n(b.lower()) + " – "
                + Layers.n(b.upper()) + ")").orElse(" (no interval)") : "no mean N_c";
        JFreeChart chart = new JFreeChart(ChartKind.FOREST.title(), plot);
        return style.finish(chart, List.of(headline + "; " + mean.uncensored() + " uncensored, " + mean.leftCensored()
                + " left- and " + mean.rightCensored() + " right-censored families; B = " + mean.bootstrapSamples()
                + " (" + mean.status().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + ")"));
    }

    private static Path2D triangle(int direction) {
        Path2D p = new Path2D.Double();
        p.moveTo(7 * direction, 0);
        p.lineTo(-5 * direction, -6);
        p.lineTo(-5 * direction, 6);
        p.closePath();
        return p;
    }
}
