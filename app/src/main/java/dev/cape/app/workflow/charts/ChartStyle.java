package dev.cape.app.workflow.charts;

import dev.cape.analysis.phase.Phase;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.util.List;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.LegendTitle;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;

/**
 * Colours, shapes and the light/dark look shared by the charts, and what every chart is drawn for: the theme and
 * the models selected in the data table (drawn with a ring in every chart).
 *
 * @param dark     dark background
 * @param selected names of the selected models
 */
public record ChartStyle(boolean dark, Set<String> selected) {

    /** Ring drawn around selected models. */
    public static final Shape RING = new Ellipse2D.Double(-8, -8, 16, 16);
    private static final Color[] PALETTE = {
        new Color(0x1f77b4), new Color(0xff7f0e), new Color(0x2ca02c), new Color(0xd62728), new Color(0x9467bd),
        new Color(0x8c564b), new Color(0xe377c2), new Color(0x7f7f7f), new Color(0xbcbd22), new Color(0x17becf)};

    public ChartStyle {
        selected = Set.copyOf(selected);
    }

    /** Light theme, nothing selected. */
    public static ChartStyle plain() {
        return new ChartStyle(false, Set.of());
    }

    public static Color phaseColour(Phase p) {
        return switch (p) {
            case TAX -> new Color(0xd62728);
            case TRANSITION -> new Color(0xf2a900);
            case COOPERATIVE -> new Color(0x1f77b4);
            case UNDEFINED -> new Color(0x9a9a9a);
        };
    }

    /** A colour per index, cycling through a ten-colour palette. */
    /** Distinct colours of {@link #categorical}; series beyond them repeat colours. */
    public static final int CATEGORICAL_COLOURS = PALETTE.length;

    public static Color categorical(int i) {
        return PALETTE[Math.floorMod(i, PALETTE.length)];
    }

    public Color foreground() {
        return dark ? new Color(0xe6e6e6) : new Color(0x202020);
    }

    public Color ringColour() {
        return dark ? Color.WHITE : Color.BLACK;
    }

    /** A log-scale axis of model sizes with plain tick labels (0.1, 1, 10, 100). */
    public static org.jfree.chart.axis.LogarithmicAxis logAxis(String label) {
        org.jfree.chart.axis.LogarithmicAxis axis = new org.jfree.chart.axis.LogarithmicAxis(label);
        axis.setStrictValuesFlag(false);
        axis.setLog10TickLabelsFlag(false);
        axis.setExpTickLabelsFlag(false);
        return axis;
    }

    public static Shape circle(double diameter) {
        return new Ellipse2D.Double(-diameter / 2, -diameter / 2, diameter, diameter);
    }

    /** A legend of the four phases. */
    public static LegendItemCollection phaseLegend(boolean withSelection, ChartStyle style) {
        LegendItemCollection items = new LegendItemCollection();
        for (Phase p : Phase.values()) {
            items.add(new LegendItem(p.id(), null, null, null, circle(9), phaseColour(p)));
        }
        if (withSelection) {
            items.add(selectionLegend(style));
        }
        return items;
    }

    public static LegendItem selectionLegend(ChartStyle style) {
        return new LegendItem("selected", null, null, null, true, RING, false, Color.BLACK, true,
                style.ringColour(), new BasicStroke(2f), false, RING, new BasicStroke(1f), Color.BLACK);
    }

    /** Applies the theme, subtitles and legend placement to a finished chart. */
    public JFreeChart finish(JFreeChart chart, List<String> subtitles) {
        Color bg = dark ? new Color(0x1e1f22) : Color.WHITE;
        Paint plotBg = dark ? new Color(0x2b2d30) : new Color(0xfafafa);
        Color grid = dark ? new Color(0x4a4d52) : new Color(0xdddddd);
        chart.setBackgroundPaint(bg);
        chart.getTitle().setPaint(foreground());
        chart.getTitle().setFont(new Font("SansSerif", Font.BOLD, 15));
        for (String s : subtitles) {
            TextTitle t = new TextTitle(s, new Font("SansSerif", Font.PLAIN, 11));
            t.setPaint(foreground());
            chart.addSubtitle(t);
        }
        LegendTitle legend = chart.getLegend();
        if (legend != null) {
            legend.setBackgroundPaint(bg);
            legend.setItemPaint(foreground());
            legend.setPosition(RectangleEdge.RIGHT);
        }
        if (chart.getPlot() instanceof XYPlot plot) {
            plot.setBackgroundPaint(plotBg);
            plot.setDomainGridlinePaint(grid);
            plot.setRangeGridlinePaint(grid);
            for (int i = 0; i < plot.getDomainAxisCount(); i++) {
                axisColours(plot.getDomainAxis(i));
            }
            for (int i = 0; i < plot.getRangeAxisCount(); i++) {
                axisColours(plot.getRangeAxis(i));
            }
        }
        return chart;
    }

    /** A colour bar for a heat map's paint scale, on the right, its axis labelled and in the theme's colours. */
    public org.jfree.chart.title.PaintScaleLegend scaleLegend(org.jfree.chart.renderer.PaintScale scale, String label) {
        org.jfree.chart.axis.NumberAxis a = new org.jfree.chart.axis.NumberAxis(label);
        a.setRange(scale.getLowerBound(), scale.getUpperBound());
        axisColours(a);
        a.setLabelFont(new Font("SansSerif", Font.PLAIN, 11));
        org.jfree.chart.title.PaintScaleLegend legend = new org.jfree.chart.title.PaintScaleLegend(scale, a);
        legend.setPosition(RectangleEdge.RIGHT);
        legend.setSubdivisionCount(100);
        legend.setMargin(4, 4, 40, 4);
        legend.setStripWidth(14);
        legend.setBackgroundPaint(dark ? new Color(0x1e1f22) : Color.WHITE);
        return legend;
    }

    private void axisColours(org.jfree.chart.axis.ValueAxis axis) {
        if (axis != null) {
            axis.setLabelPaint(foreground());
            axis.setTickLabelPaint(foreground());
            axis.setAxisLinePaint(foreground());
        }
    }
}
