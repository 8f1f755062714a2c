package dev.cape.app.workflow.charts;

import dev.cape.inference.heads.CensusReport;
import dev.cape.inference.heads.HeadResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Paint;
import java.awt.geom.Rectangle2D;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYShapeAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * The head map: every attention head of a census as a cell (x = head, y = layer) coloured by one {@link HeadMetric} on
 * a blue–white–red scale symmetric around 0, unmeasured cells (NaN) grey, competing heads outlined.
 */
public final class HeadMapChart {

    /** Outline of a competing head. */
    public static final Color COMPETING = new Color(0x00c853);
    /** Smallest half-range of the colour scale, so an all-zero map still has a scale. */
    static final double EPSILON = 1e-6;

    private HeadMapChart() {
    }

    public static JFreeChart build(CensusReport report, HeadMetric metric, ChartStyle style) {
        List<HeadResult> heads = report.heads();
        int n = heads.size();
        double[][] xyz = new double[3][n];
        double limit = EPSILON;
        int layers = 0;
        int perLayer = 0;
        for (int i = 0; i < n; i++) {
            HeadResult h = heads.get(i);
            xyz[0][i] = h.head();
            xyz[1][i] = h.layer();
            xyz[2][i] = metric.of(h);
            if (Double.isFinite(xyz[2][i])) {
                limit = Math.max(limit, Math.abs(xyz[2][i]));
            }
            layers = Math.max(layers, h.layer() + 1);
            perLayer = Math.max(perLayer, h.head() + 1);
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries(metric.id(), xyz);
        DivergingScale scale = new DivergingScale(limit, style.dark() ? new Color(0x5c5c5c) : new Color(0xd0d0d0));
        XYBlockRenderer r = new XYBlockRenderer();
        r.setPaintScale(scale);
        r.setDefaultToolTipGenerator((ds, s, i) -> tip(heads.get(i), metric));
        NumberAxis x = axis("head", perLayer);
        NumberAxis y = axis("layer", layers);
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        for (HeadResult h : report.competing()) {
            plot.addAnnotation(new XYShapeAnnotation(new Rectangle2D.Double(h.head() - 0.5, h.layer() - 0.5, 1, 1),
                    new BasicStroke(3f), COMPETING));
        }
        JFreeChart chart = new JFreeChart("Attention heads: " + metric.label(), JFreeChart.DEFAULT_TITLE_FONT, plot,
                false);
        String settings = String.format(Locale.ROOT, "truth probe at layer %d (held-out accuracy %.3f); %d permutations, "
                + "%d random directions; family-wise α = %s; seed %d", report.probeLayer(), report.probeAccuracy(),
                report.permutations(), report.randomDirections(), report.alpha(), report.seed());
        boolean missing = heads.stream().anyMatch(h -> Double.isNaN(metric.of(h)));
        style.finish(chart, List.of(settings, verdict(report) + (missing ? "; grey: not measured" : "")));
        chart.addSubtitle(style.scaleLegend(scale, metric.label()));
        return chart;
    }

    /** "no competing heads among N", or "K competing: L3H1, L4H0". */
    public static String verdict(CensusReport report) {
        List<HeadResult> c = report.competing();
        if (c.isEmpty()) {
            return "no competing heads among " + report.heads().size();
        }
        return c.size() + " competing: " + c.stream().map(h -> "L" + h.layer() + "H" + h.head())
                .collect(Collectors.joining(", "));
    }

    private static String tip(HeadResult h, HeadMetric metric) {
        double v = metric.of(h);
        return "L" + h.layer() + "H" + h.head() + ": " + metric.label() + " = "
                + (Double.isNaN(v) ? "not measured" : String.format(Locale.ROOT, "%.3f", v))
                + (h.competing() ? " (competing)" : "");
    }

    private static NumberAxis axis(String label, int count) {
        NumberAxis a = new NumberAxis(label);
        a.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        a.setRange(-0.5, Math.max(1, count) - 0.5);
        a.setLowerMargin(0);
        a.setUpperMargin(0);
        return a;
    }

    /** Blue below 0, white at 0, red above, symmetric in [−limit, limit]; NaN gets the missing colour. */
    static final class DivergingScale implements PaintScale {

        private static final Color NEGATIVE = new Color(0x2166ac);
        private static final Color POSITIVE = new Color(0xb2182b);
        private final double limit;
        private final Color missing;

        DivergingScale(double limit, Color missing) {
            this.limit = limit;
            this.missing = missing;
        }

        @Override
        public double getLowerBound() {
            return -limit;
        }

        @Override
        public double getUpperBound() {
            return limit;
        }

        @Override
        public Paint getPaint(double value) {
            if (Double.isNaN(value)) {
                return missing;
            }
            double t = Math.max(-1, Math.min(1, value / limit));
            Color end = t < 0 ? NEGATIVE : POSITIVE;
            double a = Math.abs(t);
            return new Color(mix(end.getRed(), a), mix(end.getGreen(), a), mix(end.getBlue(), a));
        }

        private static int mix(int channel, double a) {
            return (int) Math.round(255 + (channel - 255) * a);
        }
    }
}
