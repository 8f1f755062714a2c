package dev.cape.app.workflow.charts;

import dev.cape.inference.direction.DirectionReport;
import dev.cape.inference.direction.LayerDirection;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;

/**
 * The truth direction layer by layer: held-out and training accuracy of each layer's projection classifier
 * ({@link DirectionReport}), the chance line at 0.5, and the best layer (highest held-out accuracy) marked.
 */
public final class DirectionLayersChart {

    /** Series of the held-out accuracy and of the training accuracy, in the chart's dataset. */
    public static final int HELD_OUT = 0;
    public static final int TRAIN = 1;

    private DirectionLayersChart() {
    }

    public static JFreeChart build(DirectionReport report, ChartStyle style) {
        Layers data = new Layers();
        data.series("held-out accuracy");
        data.series("train accuracy");
        for (LayerDirection d : report.layers()) {
            String tip = String.format(Locale.ROOT, "layer %d: held-out %s, train %s, σ %.4g", d.layer(),
                    Layers.f(d.accuracy()), Layers.f(d.trainAccuracy()), d.sigma());
            data.add(HELD_OUT, d.layer(), d.accuracy(), tip);
            if (!Double.isNaN(d.trainAccuracy())) {   // vector files written before it was recorded lack it
                data.add(TRAIN, d.layer(), d.trainAccuracy(), tip);
            }
        }
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        r.setSeriesPaint(HELD_OUT, ChartStyle.categorical(0));
        r.setSeriesPaint(TRAIN, ChartStyle.categorical(1));
        r.setSeriesShape(HELD_OUT, ChartStyle.circle(7));
        r.setSeriesShape(TRAIN, ChartStyle.circle(5));
        r.setSeriesStroke(HELD_OUT, new BasicStroke(2f));
        r.setSeriesStroke(TRAIN, new BasicStroke(1.2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 1f,
                new float[] {5f, 4f}, 0f));
        r.setDefaultToolTipGenerator(data.tooltips());
        NumberAxis x = new NumberAxis("layer (blocks.L.hook_resid_post, last token)");
        x.setStandardTickUnits(NumberAxis.createIntegerTickUnits());
        x.setAutoRangeIncludesZero(false);
        x.setLowerMargin(0.04);
        x.setUpperMargin(0.04);
        NumberAxis y = new NumberAxis("accuracy of the projection classifier");
        y.setRange(0, 1.05);
        XYPlot plot = new XYPlot(data.dataset(), x, y, r);
        ValueMarker chance = new ValueMarker(0.5, style.foreground(), new BasicStroke(1f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 1f, new float[] {3f, 3f}, 0f));
        chance.setLabel("chance");
        chance.setLabelPaint(style.foreground());
        chance.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
        chance.setLabelTextAnchor(TextAnchor.TOP_RIGHT);
        plot.addRangeMarker(chance);
        LayerDirection best = report.best();
        ValueMarker bestMarker = new ValueMarker(report.bestLayer(), new Color(0xd62728), new BasicStroke(1.5f));
        bestMarker.setLabel("best layer " + report.bestLayer());
        bestMarker.setLabelPaint(new Color(0xd62728));
        boolean lateLayer = report.bestLayer() > (report.layers().size() - 1) / 2.0;   // label on the side with room
        bestMarker.setLabelAnchor(lateLayer ? RectangleAnchor.TOP_LEFT : RectangleAnchor.TOP_RIGHT);
        bestMarker.setLabelTextAnchor(lateLayer ? TextAnchor.TOP_RIGHT : TextAnchor.TOP_LEFT);
        plot.addDomainMarker(bestMarker);
        XYTextAnnotation label = new XYTextAnnotation(String.format(Locale.ROOT, "%.3f", best.accuracy()),
                report.bestLayer(), best.accuracy());
        label.setTextAnchor(TextAnchor.BOTTOM_CENTER);
        label.setFont(new Font("SansSerif", Font.BOLD, 11));
        label.setPaint(new Color(0xd62728));
        plot.addAnnotation(label);
        JFreeChart chart = new JFreeChart("Truth direction by layer", plot);
        return style.finish(chart, List.of(String.format(Locale.ROOT,
                "%s; %d train / %d held-out statements, split by item (seed %d); best layer %d: accuracy %.3f, σ %.4g",
                report.method().id(), report.nTrain(), report.nTest(), report.splitSeed(), report.bestLayer(),
                best.accuracy(), best.sigma())));
    }
}
