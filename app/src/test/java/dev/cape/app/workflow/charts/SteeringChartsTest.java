package dev.cape.app.workflow.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.inference.direction.DirectionMethod;
import dev.cape.inference.direction.DirectionReport;
import dev.cape.inference.direction.LayerDirection;
import dev.cape.inference.eval.SteeringEvaluation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.Layer;
import org.jfree.data.xy.XYDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The layer curve and the sweep chart draw exactly the numbers of the report and the sweep, and export. */
class SteeringChartsTest {

    static final DirectionReport REPORT = new DirectionReport(DirectionMethod.MASS_MEAN, List.of(
            layer(0, 0.55, 0.60, 0.8), layer(1, 0.85, 0.95, 1.7), layer(2, 0.70, 0.99, 3.1)), 1, 20, 20, 7);

    static final SteeringEvaluation.Result SWEEP = new SteeringEvaluation.Result(3, 0.6, List.of(
            new SteeringEvaluation.Point(0, 0.6, 0, 0, 0),
            new SteeringEvaluation.Point(2, 0.7, 0.5, 0.1, 0.02),
            new SteeringEvaluation.Point(8, 0.4, 0.75, 0.5, 0.9)), 40);

    static LayerDirection layer(int l, double acc, double train, double sigma) {
        return new LayerDirection(l, new double[] {1, 0}, acc, train, 0, sigma, 1, Map.of());
    }

    static String subtitles(JFreeChart c) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < c.getSubtitleCount(); i++) {
            if (c.getSubtitle(i) instanceof TextTitle t) {
                s.append(t.getText()).append('\n');
            }
        }
        return s.toString();
    }

    @Test
    void layerChartHoldsEachLayersAccuraciesAndMarksTheBestLayer() {
        JFreeChart c = DirectionLayersChart.build(REPORT, ChartStyle.plain());
        XYPlot plot = c.getXYPlot();
        XYDataset d = plot.getDataset();
        for (LayerDirection l : REPORT.layers()) {
            assertEquals(l.layer(), d.getXValue(DirectionLayersChart.HELD_OUT, l.layer()));
            assertEquals(l.accuracy(), d.getYValue(DirectionLayersChart.HELD_OUT, l.layer()));
            assertEquals(l.trainAccuracy(), d.getYValue(DirectionLayersChart.TRAIN, l.layer()));
        }
        assertEquals(3, d.getItemCount(0));
        Collection<?> domain = plot.getDomainMarkers(Layer.FOREGROUND);
        assertEquals(1, domain.size());
        ValueMarker best = (ValueMarker) domain.iterator().next();
        assertEquals(REPORT.bestLayer(), best.getValue());
        assertEquals("best layer 1", best.getLabel());
        assertEquals(0.5, ((ValueMarker) plot.getRangeMarkers(Layer.FOREGROUND).iterator().next()).getValue());
        String sub = subtitles(c);
        assertTrue(sub.contains("mass-mean") && sub.contains("20 train / 20 held-out") && sub.contains("seed 7"), sub);
    }

    @Test
    void sweepChartHoldsEachAlphasSharesAndKlOnTheSecondAxis() {
        JFreeChart c = SteeringSweepChart.build(SWEEP, ChartStyle.plain(), 1.25);
        XYPlot plot = c.getXYPlot();
        XYDataset shares = plot.getDataset(0);
        XYDataset kl = plot.getDataset(1);
        assertEquals(3, shares.getSeriesCount(), "no MC2 series for a task without MC2");
        for (int i = 0; i < SWEEP.points().size(); i++) {
            SteeringEvaluation.Point p = SWEEP.points().get(i);
            assertEquals(p.alpha(), shares.getXValue(SteeringSweepChart.ACCURACY, i));
            assertEquals(p.accuracy(), shares.getYValue(SteeringSweepChart.ACCURACY, i));
            assertEquals(p.correctedShare(), shares.getYValue(SteeringSweepChart.CORRECTED, i));
            assertEquals(p.brokenShare(), shares.getYValue(SteeringSweepChart.BROKEN, i));
            assertEquals(p.kl(), kl.getYValue(0, i));
        }
        assertSame(plot.getRangeAxis(1), plot.getRangeAxisForDataset(1));
        assertEquals(0, plot.getRangeAxis(0).getLowerBound());
        assertEquals(SWEEP.baselineAccuracy(),
                ((ValueMarker) plot.getRangeMarkers(Layer.FOREGROUND).iterator().next()).getValue());
        assertTrue(subtitles(c).contains("layer 3; 40 items; σ 1.250"), subtitles(c));
        SteeringEvaluation.Result statements = new SteeringEvaluation.Result(3, 0.6, SWEEP.points(), 40, Double.NaN,
                "statements");
        JFreeChart s = SteeringSweepChart.build(statements, ChartStyle.plain(), 1.25);
        assertTrue(subtitles(s).contains("layer 3; 40 statements; σ 1.250"), subtitles(s));
        assertEquals("share of statements", s.getXYPlot().getRangeAxis().getLabel());
    }

    @Test
    void sweepOfAGradedTaskAddsItsMc2() {
        SteeringEvaluation.Result r = new SteeringEvaluation.Result(0, 0.5, List.of(
                new SteeringEvaluation.Point(0, 0.5, 0, 0, 0, 0.42), new SteeringEvaluation.Point(4, 0.5, 0, 0, 1, 0.61)),
                3, 0.42);
        XYDataset d = SteeringSweepChart.build(r, ChartStyle.plain(), 1).getXYPlot().getDataset(0);
        assertEquals(4, d.getSeriesCount());
        assertEquals(0.61, d.getYValue(SteeringSweepChart.MC2, 1));
    }

    @Test
    void bothChartsExportAsPngAndSvg(@TempDir Path dir) throws Exception {
        for (JFreeChart c : List.of(DirectionLayersChart.build(REPORT, new ChartStyle(true, java.util.Set.of())),
                SteeringSweepChart.build(SWEEP, ChartStyle.plain(), 1))) {
            Path png = ChartExport.write(c, dir.resolve("c.png"), ChartExport.Format.PNG, 600, 400);
            Path svg = ChartExport.write(c, dir.resolve("c.svg"), ChartExport.Format.SVG, 600, 400);
            assertTrue(Files.size(png) > 1000, "PNG has content");
            assertTrue(Files.readString(svg).contains("<svg"));
        }
    }
}
