package dev.cape.app.workflow.charts;

import dev.cape.app.workflow.AttentionPattern;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.util.List;
import java.util.Locale;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.data.xy.DefaultXYZDataset;

/**
 * One head's attention pattern as a query × key heat map: x = key position, y = query position (first token at the
 * top), each cell the probability on a white (0) to dark (1) scale; cells above the diagonal, which the causal mask
 * sets to 0, are not drawn (the plot background shows there). The tokens label both axes.
 */
public final class AttentionPatternChart {

    /** Colour of probability 1. */
    public static final Color FULL = new Color(0x08306b);
    /** Background behind the masked cells in the light theme, so they differ from probability 0 (white). */
    static final Color MASKED_LIGHT = new Color(0xdadada);
    /** More keys than this: their labels are drawn vertically so they do not overlap. */
    static final int VERTICAL_KEYS = 10;

    private AttentionPatternChart() {
    }

    public static JFreeChart build(AttentionPattern p, ChartStyle style) {
        int t = p.size();
        int cells = t * (t + 1) / 2;
        double[][] xyz = new double[3][cells];
        int i = 0;
        for (int q = 0; q < t; q++) {
            for (int k = 0; k <= q; k++) {
                xyz[0][i] = k;
                xyz[1][i] = q;
                xyz[2][i] = p.weight(q, k);
                i++;
            }
        }
        DefaultXYZDataset data = new DefaultXYZDataset();
        data.addSeries("attention", xyz);
        ProbabilityScale scale = new ProbabilityScale();
        XYBlockRenderer r = new XYBlockRenderer();
        r.setPaintScale(scale);
        List<String> tokens = p.tokens();
        r.setDefaultToolTipGenerator((ds, s, item) -> {
            int q = (int) ds.getYValue(s, item);
            int k = (int) ds.getXValue(s, item);
            return String.format(Locale.ROOT, "query %d '%s' → key %d '%s': %.4f", q, tokens.get(q), k,
                    tokens.get(k), p.weight(q, k));
        });
        SymbolAxis x = axis("key position", tokens);
        x.setVerticalTickLabels(t > VERTICAL_KEYS);
        SymbolAxis y = axis("query position (first at the top)", tokens);
        y.setInverted(true);
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setDomainGridlinesVisible(false);
        plot.setRangeGridlinesVisible(false);
        JFreeChart chart = new JFreeChart("Attention pattern, layer " + p.layer() + " head " + p.head(),
                JFreeChart.DEFAULT_TITLE_FONT, plot, false);
        style.finish(chart, List.of(p.model() + ": \"" + p.prompt() + "\" (" + t + " tokens)",
                "above the diagonal: masked (a query sees only earlier keys)"));
        plot.setBackgroundPaint(style.dark() ? new Color(0x2b2d30) : MASKED_LIGHT);
        chart.addSubtitle(style.scaleLegend(scale, "attention probability"));
        return chart;
    }

    private static SymbolAxis axis(String label, List<String> tokens) {
        SymbolAxis a = new SymbolAxis(label, tokens.toArray(String[]::new));
        a.setGridBandsVisible(false);
        a.setRange(-0.5, Math.max(1, tokens.size()) - 0.5);
        a.setLowerMargin(0);
        a.setUpperMargin(0);
        a.setTickLabelFont(new Font("SansSerif", Font.PLAIN, 10));
        return a;
    }

    /** White at 0 to {@link #FULL} at 1, linear in each channel; values outside [0, 1] are clamped. */
    static final class ProbabilityScale implements PaintScale {

        @Override
        public double getLowerBound() {
            return 0;
        }

        @Override
        public double getUpperBound() {
            return 1;
        }

        @Override
        public Paint getPaint(double value) {
            double a = Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value));
            return new Color(mix(FULL.getRed(), a), mix(FULL.getGreen(), a), mix(FULL.getBlue(), a));
        }

        private static int mix(int channel, double a) {
            return (int) Math.round(255 + (channel - 255) * a);
        }
    }
}
