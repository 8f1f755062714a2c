package dev.cape.app.workflow.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.app.workflow.AttentionPattern;
import java.awt.Color;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.SymbolAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYBlockRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.XYZDataset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The attention-pattern heat map built from a hand-written pattern whose every cell has a distinct value. */
class AttentionPatternChartTest {

    @TempDir
    Path dir;

    /** Rows are queries; the cells above the diagonal hold values a causal pattern never has, so drawing them shows. */
    static final float[][] WEIGHTS = {
        {1.0f, 0.9f, 0.8f, 0.7f},
        {0.25f, 0.75f, 0.6f, 0.5f},
        {0.125f, 0.375f, 0.5f, 0.4f},
        {0.0625f, 0.1875f, 0.3125f, 0.4375f}};
    static final List<String> TOKENS = List.of("<bos>", "the", "cat", "the");

    static AttentionPattern pattern() {
        return new AttentionPattern("tiny", "the cat the", 1, 2, TOKENS, WEIGHTS);
    }

    @Test
    void weightsOfAnotherSizeThanTheTokensAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new AttentionPattern("tiny", "x", 0, 0, List.of("a", "b"), new float[][] {{1f, 0f}}));
        assertEquals("weights has 1 rows for 2 tokens", e.getMessage());
    }

    @Test
    void cellsOnAndBelowTheDiagonalCarryTheWeightsAndMaskedCellsAreAbsent() {
        XYZDataset data = (XYZDataset) plot(AttentionPatternChart.build(pattern(), ChartStyle.plain())).getDataset();
        assertEquals(1, data.getSeriesCount());
        assertEquals(4 * 5 / 2, data.getItemCount(0));
        Set<List<Integer>> seen = new HashSet<>();
        for (int i = 0; i < data.getItemCount(0); i++) {
            int k = (int) data.getXValue(0, i);
            int q = (int) data.getYValue(0, i);
            assertTrue(k <= q, "masked cell drawn: query " + q + ", key " + k);
            assertEquals(WEIGHTS[q][k], data.getZValue(0, i), 0.0);
            assertTrue(seen.add(List.of(q, k)), "cell twice: " + q + ", " + k);
        }
    }

    @Test
    void bothAxesAreLabelledWithTheTokensAndTheFirstQueryIsAtTheTop() {
        XYPlot plot = plot(AttentionPatternChart.build(pattern(), ChartStyle.plain()));
        SymbolAxis keys = (SymbolAxis) plot.getDomainAxis();
        SymbolAxis queries = (SymbolAxis) plot.getRangeAxis();
        assertArrayEquals(TOKENS.toArray(), keys.getSymbols());
        assertArrayEquals(TOKENS.toArray(), queries.getSymbols());
        assertTrue(queries.isInverted());
        assertTrue(queries.getLabel().contains("top"), queries.getLabel());
    }

    @Test
    void titleNamesLayerAndHeadAndSubtitleTheModelAndPrompt() {
        JFreeChart chart = AttentionPatternChart.build(pattern(), ChartStyle.plain());
        assertEquals("Attention pattern, layer 1 head 2", chart.getTitle().getText());
        String subtitle = ((TextTitle) chart.getSubtitle(0)).getText();
        assertTrue(subtitle.contains("tiny") && subtitle.contains("the cat the"), subtitle);
    }

    @Test
    void scaleRunsFromWhiteAtZeroToDarkAtOne() {
        XYBlockRenderer r = (XYBlockRenderer) plot(AttentionPatternChart.build(pattern(), ChartStyle.plain()))
                .getRenderer();
        assertEquals(Color.WHITE, r.getPaintScale().getPaint(0));
        assertEquals(AttentionPatternChart.FULL, r.getPaintScale().getPaint(1));
        Color half = (Color) r.getPaintScale().getPaint(0.5);
        assertTrue(half.getRed() < 255 && half.getRed() > AttentionPatternChart.FULL.getRed(), half.toString());
    }

    @Test
    void maskedCellsShowABackgroundUnlikeProbabilityZeroInBothThemes() {
        for (boolean dark : new boolean[] {false, true}) {
            XYPlot plot = plot(AttentionPatternChart.build(pattern(), new ChartStyle(dark, Set.of())));
            Color zero = (Color) ((XYBlockRenderer) plot.getRenderer()).getPaintScale().getPaint(0);
            assertFalse(zero.equals(plot.getBackgroundPaint()), "dark " + dark + ": masked looks like 0");
        }
    }

    @Test
    void keyLabelsTurnVerticalOnlyForLongPrompts() {
        assertFalse(((SymbolAxis) plot(AttentionPatternChart.build(pattern(), ChartStyle.plain())).getDomainAxis())
                .isVerticalTickLabels());
        int t = AttentionPatternChart.VERTICAL_KEYS + 1;
        float[][] w = new float[t][t];
        for (int q = 0; q < t; q++) {
            w[q][0] = 1f;
        }
        AttentionPattern longer = new AttentionPattern("tiny", "long", 0, 0, Collections.nCopies(t, "a"), w);
        assertTrue(((SymbolAxis) plot(AttentionPatternChart.build(longer, ChartStyle.plain())).getDomainAxis())
                .isVerticalTickLabels());
    }

    @Test
    void exportsNonEmptyPngAndSvgInBothThemes() throws Exception {
        for (boolean dark : new boolean[] {false, true}) {
            JFreeChart chart = AttentionPatternChart.build(pattern(), new ChartStyle(dark, Set.of()));
            Path png = ChartExport.write(chart, dir.resolve("p" + dark + ".png"), ChartExport.Format.PNG, 500, 400);
            Path svg = ChartExport.write(chart, dir.resolve("p" + dark + ".svg"), ChartExport.Format.SVG, 500, 400);
            assertTrue(Files.size(png) > 1000, "png " + Files.size(png));
            String doc = Files.readString(svg);
            assertTrue(doc.contains("<svg") && doc.contains("cat"), "svg lacks the token labels");
        }
    }

    private static XYPlot plot(JFreeChart chart) {
        return (XYPlot) chart.getPlot();
    }
}
