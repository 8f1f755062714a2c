package dev.cape.app.workflow.charts;

import dev.cape.analysis.coupling.CouplingCurve;
import dev.cape.analysis.coupling.CriticalScale;
import dev.cape.analysis.diagnosis.DiagnosisResult;
import dev.cape.analysis.diagnosis.FamilyDiagnosis;
import dev.cape.analysis.resampling.FamilyBootstrap;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Path2D;
import java.util.List;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.annotations.XYPointerAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;

/**
 * Chart 2: coupling curves c(log N) per family with their pointwise bootstrap bands (translucent, from
 * {@link FamilyDiagnosis#band()}; only the selected models' families while models are selected), N_c markers, the
 * per-family bootstrap interval of N_c drawn on the c = 0 line where N_c lies, and censoring arrows. Everything
 * plotted comes from the diagnosis; nothing is computed here.
 */
final class CouplingChart {

    private static final double ARROW_FACTOR = 1.35;

    private CouplingChart() {
    }

    static JFreeChart build(DiagnosisResult d, ChartStyle style) {
        Layers curves = new Layers();
        Layers bands = new Layers();
        Layers markers = new Layers();
        int nc = markers.series("N_c");
        Layers selected = new Layers();
        selected.series("selected");
        org.jfree.chart.axis.ValueAxis x = ChartStyle.logAxis("model size N (billion parameters, log scale)");
        NumberAxis y = new NumberAxis("coupling c(log N) (local correlation of R and T)");
        XYPlot plot = new XYPlot();
        plot.setDomainAxis(x);
        plot.setRangeAxis(y);
        int index = 0;
        CurveBands curveBands = new CurveBands();
        List<String> named = new java.util.ArrayList<>();  // families given a legend entry, in series order
        for (FamilyDiagnosis f : d.families()) {
            CouplingCurve c = f.curve();
            if (c == null) {
                continue;
            }
            int k = curves.series(f.family());
            boolean ofSelection = f.scores().models().stream().anyMatch(style.selected()::contains);
            if (style.selected().isEmpty() || ofSelection) {
                curveBands.add(f, ChartStyle.categorical(k));
            }
            if (ofSelection) {
                named.add(f.family());
            }
            for (int g = 0; g < c.gridX().length; g++) {
                // tooltips of curve points are formatted when shown: 200 points per family
                curves.add(k, Math.pow(10, c.gridX()[g]), c.gridC()[g], null);
            }
            for (int i = 0; i < f.scores().size(); i++) {
                if (style.selected().contains(f.scores().models().get(i))) {
                    selected.add(0, f.scores().paramsB()[i], f.coupling(i), f.scores().models().get(i) + ": c = "
                            + Layers.f2(f.coupling(i)) + ", " + f.phases().get(i).id());
                }
            }
            criticalScale(f, markers, nc, bands, plot, ++index);
        }
        XYLineAndShapeRenderer curveRenderer = new XYLineAndShapeRenderer(true, false);
        for (int s = 0; s < curves.dataset().getSeriesCount(); s++) {
            curveRenderer.setSeriesPaint(s, ChartStyle.categorical(s));
        }
        curveRenderer.setDefaultToolTipGenerator((data, series, item) -> data.getSeriesKey(series) + ": c = "
                + Layers.f2(data.getYValue(series, item)) + " at N = " + Layers.n(data.getXValue(series, item)));
        XYLineAndShapeRenderer bandRenderer = new XYLineAndShapeRenderer(true, false);
        bandRenderer.setAutoPopulateSeriesStroke(false);
        bandRenderer.setDefaultStroke(new BasicStroke(7f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER));
        for (int s = 0; s < bands.dataset().getSeriesCount(); s++) {
            Color base = ChartStyle.categorical(s);
            bandRenderer.setSeriesPaint(s, new Color(base.getRed(), base.getGreen(), base.getBlue(), 70));
        }
        bandRenderer.setDefaultToolTipGenerator(bands.tooltips());
        XYLineAndShapeRenderer markerRenderer = new XYLineAndShapeRenderer(false, true);
        markerRenderer.setSeriesShape(0, diamond());
        markerRenderer.setSeriesPaint(0, style.foreground());
        markerRenderer.setDefaultToolTipGenerator(markers.tooltips());
        plot.setDataset(0, markers.dataset());
        plot.setRenderer(0, markerRenderer);
        plot.setDataset(1, curves.dataset());
        plot.setRenderer(1, curveRenderer);
        plot.setDataset(2, bands.dataset());
        plot.setRenderer(2, bandRenderer);
        Layers.addSelection(plot, 3, selected, style);
        // drawn first (the plot renders the highest index first), so the bands lie under every curve
        plot.setDataset(4, curveBands.dataset());
        plot.setRenderer(4, curveBands.renderer());
        plot.addRangeMarker(new ValueMarker(0, style.foreground(), new BasicStroke(0.8f)));
        if (style.selected().isEmpty() && curves.dataset().getSeriesCount() <= ChartStyle.CATEGORICAL_COLOURS) {
            for (int s = 0; s < curves.dataset().getSeriesCount(); s++) {
                named.add((String) curves.dataset().getSeriesKey(s));
            }
        }
        plot.setFixedLegendItems(legend(style, named, curves));
        JFreeChart chart = new JFreeChart(ChartKind.COUPLING.title() + " c(log N) per family", plot);
        return style.finish(chart, List.of("bandwidth h = " + d.options().bandwidth() + " decades; N_c = first upward"
                + " zero crossing; bars on c = 0: 95% bootstrap CI of N_c; shaded: pointwise 95% bootstrap band of c ("
                + d.options().familyBootstrap() + " resamples of each family's models"
                + (style.selected().isEmpty() ? "" : "; families of the selected models only")
                + "); arrows: censored N_c"));
    }

    private static void criticalScale(FamilyDiagnosis f, Layers markers, int nc, Layers bands, XYPlot plot, int k) {
        CriticalScale s = f.nc();
        FamilyBootstrap.Result b = f.bootstrap();
        if (s.status() == CriticalScale.Status.CROSSING) {
            String ci = b != null && b.ciLog10() != null ? ", 95% CI " + Layers.n(Math.pow(10, b.ciLog10()[0])) + " – "
                    + Layers.n(Math.pow(10, b.ciLog10()[1])) : ", no bootstrap CI";
            markers.add(nc, s.paramsB(), 0, f.family() + ": N_c = " + Layers.n(s.paramsB()) + ci);
        }
        int band = bands.series(f.family());
        if (b != null && b.ciLog10() != null) {
            String tip = f.family() + ": 95% bootstrap CI of N_c (" + b.crossing() + " of " + b.kept()
                    + " kept resamples crossed, " + Layers.f2(b.censoredShare()) + " censored)";
            bands.add(band, Math.pow(10, b.ciLog10()[0]), 0, tip);
            bands.add(band, Math.pow(10, b.ciLog10()[1]), 0, tip);
        }
        if (s.status().censored()) {
            boolean left = s.status() == CriticalScale.Status.LEFT_CENSORED;
            double tipX = left ? s.paramsB() / ARROW_FACTOR : s.paramsB() * ARROW_FACTOR;
            XYPointerAnnotation arrow = new XYPointerAnnotation(" ", tipX, 0, left ? 0 : Math.PI);
            arrow.setArrowPaint(ChartStyle.categorical(k - 1));
            arrow.setBaseRadius(28);
            arrow.setTipRadius(0);
            arrow.setToolTipText(f.family() + ": N_c " + (left ? "below the smallest" : "above the largest")
                    + " observed size, " + Layers.n(s.paramsB()));
            plot.addAnnotation(arrow);
        }
    }

    /**
     * The markers' meaning, then a line per named family: the families of the selected models, or every family when
     * no more are drawn than there are colours (beyond that colours repeat, and the tooltips name the curves).
     */
    private static LegendItemCollection legend(ChartStyle style, List<String> families, Layers curves) {
        LegendItemCollection items = new LegendItemCollection();
        for (String family : families) {
            int series = curves.dataset().getSeriesIndex(family);
            items.add(new LegendItem(family, null, null, null, new java.awt.geom.Line2D.Double(-8, 0, 8, 0),
                    new BasicStroke(2.5f), ChartStyle.categorical(series)));
        }
        items.add(new LegendItem("N_c", null, null, null, diamond(), style.foreground()));
        items.add(new LegendItem("95% CI of N_c", null, null, null, new java.awt.Rectangle(-8, -3, 16, 6),
                new Color(128, 128, 128, 110)));
        items.add(new LegendItem("95% band of c (pointwise)", null, null, null, new java.awt.Rectangle(-8, -6, 16, 12),
                new Color(128, 128, 128, 60)));
        items.add(new LegendItem("censored N_c (arrow)", null, null, null, new java.awt.Rectangle(-8, -1, 16, 2),
                style.foreground()));
        if (!style.selected().isEmpty()) {
            items.add(ChartStyle.selectionLegend(style));
        }
        return items;
    }

    private static Path2D diamond() {
        Path2D p = new Path2D.Double();
        p.moveTo(0, -6);
        p.lineTo(6, 0);
        p.lineTo(0, 6);
        p.lineTo(-6, 0);
        p.closePath();
        return p;
    }
}
