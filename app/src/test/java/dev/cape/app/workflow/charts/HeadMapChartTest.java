package dev.cape.app.workflow.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.inference.heads.CensusReport;
import dev.cape.inference.heads.HeadResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.geom.Rectangle2D;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYAnnotation;
import org.jfree.chart.annotations.XYShapeAnnotation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.PaintScale;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.PaintScaleLegend;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.title.Title;
import org.jfree.data.xy.XYZDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The head map of a hand-made census: one cell per head, a symmetric diverging scale, competing heads outlined. */
class HeadMapChartTest {

    static final int LAYERS = 3;
    static final int HEADS = 2;

    /** Head (l, h) gets truth z = (l - 1) * 2 + h * 0.5 - 0.25, so the values are distinct and of both signs. */
    static CensusReport report(boolean withCompeting) {
        List<HeadResult> out = new ArrayList<>();
        for (int l = 0; l < LAYERS; l++) {
            for (int h = 0; h < HEADS; h++) {
                boolean competing = withCompeting && l == 1 && h == 1;
                double tz = (l - 1) * 2 + h * 0.5 - 0.25;
                out.add(new HeadResult(l, h, tz / 10, tz, 0.5, 0.4, -tz / 20, -tz * 3, 0.6, competing,
                        competing ? 0.125 : Double.NaN));
            }
        }
        return new CensusReport(out, 1, 0.875, 0.5, 200, 10, 0.05, 7);
    }

    @Test
    void badMetricIdIsRefusedNamingTheAllowedOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> HeadMetric.parse("truthz"));
        assertEquals("unknown head metric 'truthz', expected one of truth-z, reasoning-z, truth-sigma, "
                + "reasoning-sigma, ablation", e.getMessage());
        assertEquals(HeadMetric.REASONING_SIGMA, HeadMetric.parse("reasoning-sigma"));
    }

    @Test
    void datasetHoldsOneCellPerHeadWithTheMetricsValue() {
        CensusReport r = report(true);
        for (HeadMetric m : HeadMetric.values()) {
            XYZDataset d = (XYZDataset) plot(HeadMapChart.build(r, m, ChartStyle.plain())).getDataset();
            assertEquals(1, d.getSeriesCount());
            assertEquals(LAYERS * HEADS, d.getItemCount(0));
            Set<String> cells = new HashSet<>();
            for (int i = 0; i < d.getItemCount(0); i++) {
                int head = (int) d.getXValue(0, i);
                int layer = (int) d.getYValue(0, i);
                assertTrue(cells.add(layer + "/" + head), "duplicate cell " + layer + "/" + head);
                HeadResult expected = r.heads().stream().filter(x -> x.layer() == layer && x.head() == head)
                        .findFirst().orElseThrow();
                assertEquals(m.of(expected), d.getZValue(0, i), 0.0, m + " at L" + layer + "H" + head);
            }
        }
    }

    @Test
    void paintScaleIsSymmetricAroundZeroWhichIsWhite() {
        XYBlockRenderer renderer = (XYBlockRenderer) plot(HeadMapChart.build(report(false), HeadMetric.TRUTH_Z,
                ChartStyle.plain())).getRenderer();
        PaintScale s = renderer.getPaintScale();
        // largest |truth z| of the hand-made report: layer 2, head 1: 2 + 0.5 - 0.25 = 2.25
        assertEquals(2.25, s.getUpperBound(), 1e-12);
        assertEquals(-2.25, s.getLowerBound(), 1e-12);
        Color zero = (Color) s.getPaint(0);
        assertTrue(zero.getRed() > 245 && zero.getGreen() > 245 && zero.getBlue() > 245, zero.toString());
        Color low = (Color) s.getPaint(-2.25);
        Color high = (Color) s.getPaint(2.25);
        assertTrue(low.getBlue() > low.getRed(), "negative is blue: " + low);
        assertTrue(high.getRed() > high.getBlue(), "positive is red: " + high);
        Color halfLow = (Color) s.getPaint(-1);
        Color halfHigh = (Color) s.getPaint(1);
        // |v| = 1 of 2.25 lies 1/2.25 of the way from white to either end colour; ±0.5 rounding in 8-bit channels
        assertEquals(1 / 2.25, (255.0 - halfLow.getGreen()) / (255.0 - low.getGreen()), 0.01);
        assertEquals(1 / 2.25, (255.0 - halfHigh.getGreen()) / (255.0 - high.getGreen()), 0.01);
    }

    @Test
    void competingHeadsAreOutlinedAndOthersAreNot() {
        List<XYAnnotation> marked = plot(HeadMapChart.build(report(true), HeadMetric.TRUTH_Z,
                ChartStyle.plain())).getAnnotations();
        assertEquals(1, marked.size());
        XYShapeAnnotation a = assertInstanceOf(XYShapeAnnotation.class, marked.get(0));
        // the cell of layer 1, head 1 spans [0.5, 1.5] on both axes
        assertEquals(new XYShapeAnnotation(new Rectangle2D.Double(0.5, 0.5, 1, 1), new BasicStroke(3f),
                HeadMapChart.COMPETING), a);
        assertEquals(List.of(), plot(HeadMapChart.build(report(false), HeadMetric.TRUTH_Z,
                ChartStyle.plain())).getAnnotations());
    }

    @Test
    void unmeasuredAblationsAreGreyAndLeaveTheScaleToTheMeasuredOnes() {
        JFreeChart chart = HeadMapChart.build(report(true), HeadMetric.ABLATION, new ChartStyle(true, Set.of()));
        PaintScale s = ((XYBlockRenderer) plot(chart).getRenderer()).getPaintScale();
        assertEquals(0.125, s.getUpperBound(), 1e-12, "the one measured ablation");
        Color nan = (Color) s.getPaint(Double.NaN);
        assertEquals(nan.getRed(), nan.getGreen());
        assertEquals(nan.getGreen(), nan.getBlue());
        assertTrue(chart.getSubtitles().stream().anyMatch(PaintScaleLegend.class::isInstance));
        assertTrue(text(chart).contains("grey: not measured"), text(chart));
        assertFalse(text(HeadMapChart.build(report(true), HeadMetric.TRUTH_Z, ChartStyle.plain()))
                .contains("grey"), "every truth z is measured");
    }

    @Test
    void titleAndSubtitlesNameMetricSettingsAndVerdict() {
        JFreeChart chart = HeadMapChart.build(report(true), HeadMetric.REASONING_Z, ChartStyle.plain());
        assertTrue(chart.getTitle().getText().contains("reasoning z"), chart.getTitle().getText());
        String subs = text(chart);
        assertTrue(subs.contains("layer 1") && subs.contains("0.875") && subs.contains("200 permutations")
                && subs.contains("α = 0.05"), subs);
        assertTrue(subs.contains("1 competing: L1H1"), subs);
        assertTrue(text(HeadMapChart.build(report(false), HeadMetric.TRUTH_Z, ChartStyle.plain()))
                .contains("no competing heads among 6"));
    }

    @Test
    void exportsAsNonEmptyPngAndSvg(@TempDir Path dir) throws Exception {
        JFreeChart chart = HeadMapChart.build(report(true), HeadMetric.TRUTH_Z, new ChartStyle(true, Set.of()));
        Path png = ChartExport.write(chart, dir.resolve("h.png"), ChartExport.Format.PNG, 400, 300);
        Path svg = ChartExport.write(chart, dir.resolve("h.svg"), ChartExport.Format.SVG, 400, 300);
        assertTrue(Files.size(png) > 1000, "png size " + Files.size(png));
        assertTrue(Files.readString(svg).contains("<svg"));
    }

    private static XYPlot plot(JFreeChart chart) {
        return (XYPlot) chart.getPlot();
    }

    private static String text(JFreeChart chart) {
        StringBuilder sb = new StringBuilder();
        for (Object t : chart.getSubtitles()) {
            if (t instanceof TextTitle tt) {
                sb.append(tt.getText()).append('\n');
            } else if (!(t instanceof Title)) {
                sb.append(t);
            }
        }
        return sb.toString();
    }
}
