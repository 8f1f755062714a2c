package dev.cape.app.workflow.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.analysis.data.BundledData;
import dev.cape.analysis.resampling.ProgressListener;
import dev.cape.app.TestData;
import dev.cape.app.workflow.WorkbenchAnalysis;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

class ChartExportTest {

    static WorkbenchAnalysis.Result result;

    @BeforeAll
    static void analyse() {
        result = new WorkbenchAnalysis().run(BundledData.baseModels(), TestData.fastOptions(),
                WorkbenchAnalysis.Stage.FULL, ProgressListener.NONE);
    }

    @Test
    void sizeOutsideTheLimitsIsRefused(@TempDir Path dir) {
        JFreeChart chart = WorkbenchCharts.build(ChartKind.FOREST, result, ChartStyle.plain());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChartExport.write(chart, dir.resolve("x.png"), ChartExport.Format.PNG, 10, 400));
        assertEquals("width must be in [50, 10000] pixels: 10", e.getMessage());
    }

    @Test
    void pngHasTheChosenSize(@TempDir Path dir) throws Exception {
        JFreeChart chart = WorkbenchCharts.build(ChartKind.COUPLING, result, ChartStyle.plain());
        Path f = ChartExport.write(chart, dir.resolve("c.png"), ChartExport.Format.PNG, 640, 480);
        BufferedImage image = ImageIO.read(f.toFile());
        assertNotNull(image);
        assertEquals(640, image.getWidth());
        assertEquals(480, image.getHeight());
    }

    @Test
    void svgIsWellFormedWithTheChosenSize(@TempDir Path dir) throws Exception {
        JFreeChart chart = WorkbenchCharts.build(ChartKind.PHASE_PORTRAIT, result, ChartStyle.plain());
        Path f = ChartExport.write(chart, dir.resolve("p.svg"), ChartExport.Format.SVG, 800, 600);
        Document doc = TestData.xml().parse(f.toFile());
        assertEquals("svg", doc.getDocumentElement().getTagName());
        assertEquals(800.0, Double.parseDouble(doc.getDocumentElement().getAttribute("width")));
        assertTrue(Files.readString(f).contains("ODE phase portrait"));
    }

    @Test
    void exportAllWritesEveryChartInBothFormats(@TempDir Path dir) throws Exception {
        List<Path> files = ChartExport.exportAll(result, ChartStyle.plain(), dir,
                List.of(ChartExport.Format.PNG, ChartExport.Format.SVG), 400, 300);
        assertEquals(2 * ChartKind.values().length, files.size());
        for (ChartKind k : ChartKind.values()) {
            assertNotNull(ImageIO.read(dir.resolve(k.fileName() + ".png").toFile()), k.name());
            TestData.xml().parse(dir.resolve(k.fileName() + ".svg").toFile());
        }
    }

    @Test
    void everyChartIsBuiltWithDataAndTitleAndSelectedModelsAreRinged() {
        Map<ChartKind, JFreeChart> charts = WorkbenchCharts.buildAll(result, new ChartStyle(true,
                Set.of("meta-llama/Llama-2-7b-hf")));
        assertEquals(ChartKind.values().length, charts.size());
        for (Map.Entry<ChartKind, JFreeChart> e : charts.entrySet()) {
            assertTrue(e.getValue().getTitle().getText().startsWith(e.getKey().title()), e.getKey().name());
            XYPlot plot = e.getValue().getXYPlot();
            assertTrue(plot.getDataset(0).getSeriesCount() > 0, e.getKey().name());
        }
        XYPlot rt = charts.get(ChartKind.REASONING_TRUTH).getXYPlot();
        assertEquals(1, rt.getDataset(1).getItemCount(0), "the selected model is drawn once as a ring");
    }

    @Test
    void couplingChartShadesEachFamilysBootstrapBandAsTheDiagnosisGivesIt() {
        XYPlot plot = WorkbenchCharts.build(ChartKind.COUPLING, result, ChartStyle.plain()).getXYPlot();
        assertTrue(plot.getRenderer(4) instanceof org.jfree.chart.renderer.xy.DeviationRenderer);
        org.jfree.data.xy.YIntervalSeriesCollection bands = (org.jfree.data.xy.YIntervalSeriesCollection)
                plot.getDataset(4);
        int checked = 0;
        for (var f : result.diagnosis().families()) {
            if (f.band() == null) {
                continue;
            }
            int s = bands.indexOf(f.family());
            int first = 0;
            while (first < f.band().size() && !f.band().defined(first)) {
                first++;
            }
            if (first == f.band().size()) {
                assertTrue(s < 0, f.family() + ": no band drawn where it is defined nowhere");
                continue;
            }
            assertTrue(s >= 0, f.family());
            assertEquals(Math.pow(10, f.band().x(first)), bands.getXValue(s, 0), 1e-12, f.family());
            assertEquals(f.band().lower(first), bands.getStartYValue(s, 0), 0, f.family());
            assertEquals(f.band().upper(first), bands.getEndYValue(s, 0), 0, f.family());
            checked++;
        }
        assertTrue(checked > 5, "families with a band: " + checked);
        assertTrue(subtitleTexts(WorkbenchCharts.build(ChartKind.COUPLING, result, ChartStyle.plain()))
                .contains("pointwise 95% bootstrap band of c"));
        // with models selected, only their families are shaded
        XYPlot selected = WorkbenchCharts.build(ChartKind.COUPLING, result, new ChartStyle(true,
                Set.of("meta-llama/Llama-2-7b-hf"))).getXYPlot();
        org.jfree.data.xy.YIntervalSeriesCollection only = (org.jfree.data.xy.YIntervalSeriesCollection)
                selected.getDataset(4);
        assertEquals(1, only.getSeriesCount());
        assertEquals("Llama-2", only.getSeriesKey(0));
    }

    @Test
    void couplingLegendNamesTheFamiliesOfTheSelectedModelsOrEveryFamilyWhenFew() {
        // 48 families: colours repeat, so no family is named without a selection
        assertEquals(List.of(), familyEntries(WorkbenchCharts.build(ChartKind.COUPLING, result, ChartStyle.plain())));
        XYPlot selected = WorkbenchCharts.build(ChartKind.COUPLING, result, new ChartStyle(true,
                Set.of("meta-llama/Llama-2-7b-hf", "EleutherAI/pythia-1b-deduped"))).getXYPlot();
        List<org.jfree.chart.LegendItem> named = familyEntries(selected.getChart());
        assertEquals(Set.of("Llama-2", "Pythia"), Set.copyOf(named.stream().map(org.jfree.chart.LegendItem::getLabel)
                .toList()));
        for (org.jfree.chart.LegendItem item : named) {  // each entry has its curve's colour
            int series = selected.getDataset(1).indexOf(item.getLabel());
            assertEquals(selected.getRenderer(1).getSeriesPaint(series), item.getLinePaint(), item.getLabel());
        }
        // a few families: every one is named
        var few = BundledData.baseModels();
        var three = few.models().stream().filter(m -> Set.of("Llama-2", "Pythia", "Qwen1.5").contains(m.family()))
                .toList();
        var small = new WorkbenchAnalysis().run(new dev.cape.analysis.data.Dataset(few.source(), three,
                few.benchmarks(), List.of()), TestData.fastOptions(), WorkbenchAnalysis.Stage.FULL,
                ProgressListener.NONE);
        assertEquals(Set.of("Llama-2", "Pythia", "Qwen1.5"), Set.copyOf(familyEntries(
                WorkbenchCharts.build(ChartKind.COUPLING, small, ChartStyle.plain())).stream()
                .map(org.jfree.chart.LegendItem::getLabel).toList()));
    }

    /** Legend entries drawn as lines: the family curves (the markers' entries are shapes). */
    private static List<org.jfree.chart.LegendItem> familyEntries(JFreeChart chart) {
        org.jfree.chart.LegendItemCollection items = chart.getXYPlot().getFixedLegendItems();
        List<org.jfree.chart.LegendItem> out = new java.util.ArrayList<>();
        for (int i = 0; i < items.getItemCount(); i++) {
            if (items.get(i).isLineVisible()) {
                out.add(items.get(i));
            }
        }
        return out;
    }

    @Test
    void pooledWidthAndFrontierChartsPlotWhatTheAnalysisReturns() {
        var d = result.diagnosis();
        var families = d.families().stream().map(dev.cape.analysis.diagnosis.FamilyDiagnosis::scores).toList();
        var coupling = dev.cape.analysis.coupling.KernelCoupling.withDefaults().withBandwidth(d.options().bandwidth());
        XYPlot pooled = WorkbenchCharts.build(ChartKind.POOLED, result, ChartStyle.plain()).getXYPlot();
        var tax = dev.cape.analysis.phase.PooledZScores.withDefaults().withTau(d.options().tau()).with(coupling)
                .fit(families);
        assertEquals(d.tax().nModels(), pooled.getDataset(0).getItemCount(0));
        assertEquals(tax.points().get(0).zReasoning(), pooled.getDataset(0).getXValue(0, 0), 0);
        assertEquals(tax.points().get(0).zTruth(), pooled.getDataset(0).getYValue(0, 0), 0);
        assertEquals(d.tax().r(), tax.r(), 1e-12);

        XYPlot width = WorkbenchCharts.build(ChartKind.WIDTH, result, ChartStyle.plain()).getXYPlot();
        var normalised = dev.cape.analysis.width.NormalisedCoupling.withDefaults().with(coupling).fit(families);
        int points = 0;
        for (int s = 0; s < width.getDataset(0).getSeriesCount(); s++) {
            points += width.getDataset(0).getItemCount(s);
        }
        assertEquals(normalised.families().stream().mapToInt(f -> f.models().size()).sum(), points);

        XYPlot frontier = WorkbenchCharts.build(ChartKind.FRONTIER, result, ChartStyle.plain()).getXYPlot();
        var line = dev.cape.analysis.frontier.FrontierLine.fit(result.frontier().table());
        var drawn = (org.jfree.chart.annotations.XYLineAnnotation) frontier.getAnnotations().get(0);
        assertEquals(line.at(line.minX()), drawn.getY1(), 0);
        assertEquals(line.at(line.maxX()), drawn.getY2(), 0);
    }

    @Test
    void quickResultMarksThePermutationTestsProvisional() {
        WorkbenchAnalysis.Result quick = new WorkbenchAnalysis().run(BundledData.baseModels(), TestData.fastOptions(),
                WorkbenchAnalysis.Stage.QUICK, ProgressListener.NONE);
        JFreeChart pooled = WorkbenchCharts.build(ChartKind.POOLED, quick, ChartStyle.plain());
        String subtitles = pooled.getSubtitles().toString() + subtitleTexts(pooled);
        assertTrue(subtitleTexts(pooled).contains("provisional"), subtitles);
        assertTrue(!subtitleTexts(WorkbenchCharts.build(ChartKind.POOLED, result, ChartStyle.plain()))
                .contains("provisional"));
    }

    private static String subtitleTexts(JFreeChart chart) {
        StringBuilder sb = new StringBuilder();
        for (Object t : chart.getSubtitles()) {
            if (t instanceof org.jfree.chart.title.TextTitle tt) {
                sb.append(tt.getText()).append('\n');
            }
        }
        return sb.toString();
    }
}
