package dev.cape.app.heads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.app.common.SameThreadTaskRunner;
import dev.cape.app.model.ModelViewModel;
import dev.cape.app.workflow.charts.HeadMetric;
import dev.cape.inference.heads.CensusReport;
import dev.cape.inference.heads.HeadResult;
import dev.cape.inference.model.ModelSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.plot.XYPlot;
import org.jfree.data.xy.XYZDataset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The head census on the tiny GPT-2 fixture through the shared model, with the same-thread runner. */
class HeadsViewModelTest {

    @TempDir
    Path dir;

    final SameThreadTaskRunner runner = new SameThreadTaskRunner();
    final ModelViewModel model = new ModelViewModel(runner);
    final HeadsViewModel vm = new HeadsViewModel(model, runner);
    Path gpt2;
    Path words;

    @BeforeEach
    void setUp() throws Exception {
        gpt2 = Path.of(System.getProperty("cape.shared.dir", "../shared"), "fixtures/tiny-models/gpt2");
        words = dev.cape.app.TestData.wordStatements(dir);
        vm.truthSourceProperty().set(words.toString());
        vm.reasoningSourceProperty().set(words.toString());
        vm.permutationsProperty().set(50);
        vm.randomDirectionsProperty().set(5);
    }

    @AfterEach
    void close() {
        model.close();
    }

    @Test
    void invalidSettingsAreRefusedBeforeAnyJob() {
        vm.alphaProperty().set(0);
        vm.run();
        assertEquals("alpha must be in (0, 1): 0.0", vm.errorProperty().get());
        assertEquals(0, runner.started());
        assertNull(vm.reportProperty().get());
    }

    @Test
    void runFillsOneRowPerHeadSetsTheVerdictAndDrawsTheMap() {
        assumeFixture();
        ModelSpec spec = spec();
        vm.run();
        assertEquals("", vm.errorProperty().get());
        CensusReport report = vm.reportProperty().get();
        assertNotNull(report);
        assertEquals(spec.nLayers() * spec.nHeads(), vm.rows().size());
        assertEquals(report.heads(), List.copyOf(vm.rows()));
        for (int l = 0; l < spec.nLayers(); l++) {
            for (int h = 0; h < spec.nHeads(); h++) {
                HeadResult row = vm.rows().get(l * spec.nHeads() + h);
                assertEquals(l, row.layer());
                assertEquals(h, row.head());
            }
        }
        List<HeadResult> competing = vm.rows().stream().filter(HeadResult::competing).toList();
        String expected = competing.isEmpty() ? "no competing heads among " + vm.rows().size()
                : competing.size() + " competing: " + competing.stream().map(x -> "L" + x.layer() + "H" + x.head())
                .collect(Collectors.joining(", "));
        assertEquals(expected, vm.verdictProperty().get());
        assertEquals(50, report.permutations());
        XYZDataset map = dataset(vm.figure().chartProperty().get());
        assertEquals(vm.rows().size(), map.getItemCount(0));
        assertEquals(vm.rows().get(3).truthZ(), map.getZValue(0, 3), 0.0);
    }

    @Test
    void switchingTheMetricOrThemeRebuildsTheMap() {
        assumeFixture();
        vm.run();
        JFreeChart truth = vm.figure().chartProperty().get();
        vm.metricProperty().set(HeadMetric.REASONING_Z);
        JFreeChart reasoning = vm.figure().chartProperty().get();
        assertNotSame(truth, reasoning);
        XYZDataset map = dataset(reasoning);
        for (int i = 0; i < vm.rows().size(); i++) {
            assertEquals(vm.rows().get(i).reasoningZ(), map.getZValue(0, i), 0.0);
        }
        vm.darkProperty().set(true);
        assertNotSame(reasoning, vm.figure().chartProperty().get());
        assertTrue(vm.figure().chartProperty().get().getTitle().getText().contains("reasoning z"));
    }

    @Test
    void missingTruthFileSetsAnErrorNamingItAndKeepsTheLastReport() {
        assumeFixture();
        vm.run();
        CensusReport before = vm.reportProperty().get();
        assertNotNull(before);
        int jobs = runner.started();
        vm.truthSourceProperty().set(dir.resolve("no-such-statements.csv").toString());
        vm.run();
        assertEquals(jobs + 1, runner.started(), "the file is read inside the job");
        assertTrue(vm.errorProperty().get().contains("no-such-statements.csv"), vm.errorProperty().get());
        assertSame(before, vm.reportProperty().get());
        assertEquals(before.heads(), List.copyOf(vm.rows()));
    }

    @Test
    void aRunWhileTheModelIsBusyIsRefused() {
        assumeFixture();
        List<Throwable> failures = new ArrayList<>();
        model.run("blocking job", (lm, p) -> {
            vm.run();   // the model is running this job: the census must not start
            return null;
        }, v -> { }, failures::add);
        assertEquals(List.of(), failures);
        assertTrue(vm.errorProperty().get().contains("the model is busy"), vm.errorProperty().get());
        assertEquals(1, runner.started());
        assertNull(vm.reportProperty().get());
        assertTrue(vm.rows().isEmpty());
    }

    private void assumeFixture() {
        Assumptions.assumeTrue(Files.isDirectory(gpt2), "reference fixtures absent: " + gpt2.toAbsolutePath());
        model.pathProperty().set(gpt2.toString());
    }

    private ModelSpec spec() {
        List<ModelSpec> out = new ArrayList<>();
        model.run("spec", (lm, p) -> lm.spec(), out::add, e -> { });
        return out.get(0);
    }

    private static XYZDataset dataset(JFreeChart chart) {
        assertNotNull(chart, "no head map");
        return (XYZDataset) ((XYPlot) chart.getPlot()).getDataset();
    }
}
