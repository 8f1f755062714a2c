package dev.cape.app.workflow.charts;

import dev.cape.inference.eval.SteeringEvaluation;
import java.awt.BasicStroke;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;

/**
 * A steering sweep ({@link SteeringEvaluation.Result}) against α: accuracy, the share of wrong answers corrected and
 * of right answers broken (and MC2 where the task has it) on the left axis, the KL divergence of the next-token
 * distributions on neutral text on the right axis, and the unsteered accuracy as a horizontal line.
 */
public final class SteeringSweepChart {

    /** Series of dataset 0 (left axis); MC2 follows when the task has a graded score. */
    public static final int ACCURACY = 0;
    public static final int CORRECTED = 1;
    public static final int BROKEN = 2;
    public static final int MC2 = 3;

    private SteeringSweepChart() {
    }

    public static JFreeChart build(SteeringEvaluation.Result result, ChartStyle style, double sigma) {
        boolean mc2 = !Double.isNaN(result.baselineMc2());
        Layers shares = new Layers();
        shares.series("accuracy");
        shares.series("corrected (of wrong)");
        shares.series("broken (of right)");
        if (mc2) {
            shares.series("MC2");
        }
        Layers kl = new Layers();
        kl.series("KL on neutral text (nats)");
        for (SteeringEvaluation.Point p : result.points()) {
            String tip = String.format(Locale.ROOT, "α %s: accuracy %s, corrected %s, broken %s, KL %.4f",
                    alpha(p.alpha()), Layers.f(p.accuracy()), Layers.f(p.correctedShare()),
                    Layers.f(p.brokenShare()), p.kl());
            shares.add(ACCURACY, p.alpha(), p.accuracy(), tip);
            shares.add(CORRECTED, p.alpha(), p.correctedShare(), tip);
            shares.add(BROKEN, p.alpha(), p.brokenShare(), tip);
            if (mc2) {
                shares.add(MC2, p.alpha(), p.mc2(), tip);
            }
            kl.add(0, p.alpha(), p.kl(), tip);
        }
        XYLineAndShapeRenderer left = new XYLineAndShapeRenderer(true, true);
        for (int s = 0; s < (mc2 ? 4 : 3); s++) {
            left.setSeriesPaint(s, ChartStyle.categorical(s == BROKEN ? 3 : s == CORRECTED ? 2 : s == MC2 ? 4 : 0));
            left.setSeriesShape(s, ChartStyle.circle(7));
            left.setSeriesStroke(s, new BasicStroke(2f));
        }
        left.setDefaultToolTipGenerator(shares.tooltips());
        XYLineAndShapeRenderer right = new XYLineAndShapeRenderer(true, true);
        right.setSeriesPaint(0, ChartStyle.categorical(7));
        right.setSeriesStroke(0, new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
                new float[] {5f, 4f}, 0f));
        right.setDefaultToolTipGenerator(kl.tooltips());
        NumberAxis x = new NumberAxis("α (steering strength, in units of σ)");
        x.setAutoRangeIncludesZero(true);
        NumberAxis y = new NumberAxis("share of " + result.unit());
        y.setRange(0, 1.05);
        NumberAxis klAxis = new NumberAxis("KL(unsteered ‖ steered), nats");
        klAxis.setAutoRangeIncludesZero(true);
        XYPlot plot = new XYPlot(shares.dataset(), x, y, left);
        plot.setRangeAxis(1, klAxis);
        plot.setRangeAxisLocation(1, AxisLocation.BOTTOM_OR_RIGHT);
        plot.setDataset(1, kl.dataset());
        plot.mapDatasetToRangeAxis(1, 1);
        plot.setRenderer(1, right);
        ValueMarker base = new ValueMarker(result.baselineAccuracy(), ChartStyle.categorical(0), new BasicStroke(1f,
                BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f, new float[] {3f, 3f}, 0f));
        base.setLabel(String.format(Locale.ROOT, "unsteered accuracy %.3f", result.baselineAccuracy()));
        base.setLabelPaint(style.foreground());
        base.setLabelAnchor(RectangleAnchor.TOP_RIGHT);
        base.setLabelTextAnchor(TextAnchor.BOTTOM_RIGHT);
        plot.addRangeMarker(base);
        JFreeChart chart = new JFreeChart("Steering sweep", plot);
        return style.finish(chart, List.of(String.format(Locale.ROOT, "layer %d; %d %s; σ %.4g%s",
                result.layer(), result.nItems(), result.unit(), sigma, mc2 ? String.format(Locale.ROOT,
                        "; unsteered MC2 %.3f", result.baselineMc2()) : "")));
    }

    /** α as typed: 4 rather than 4.0. */
    static String alpha(double a) {
        return a == Math.rint(a) && Math.abs(a) < 1e9 ? Long.toString((long) a) : Double.toString(a);
    }
}
