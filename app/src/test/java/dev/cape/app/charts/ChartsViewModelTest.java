package dev.cape.app.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.analysis.data.BundledData;
import dev.cape.app.TestData;
import dev.cape.app.common.SameThreadTaskRunner;
import dev.cape.app.shell.WorkbenchViewModel;
import dev.cape.app.workflow.charts.ChartExport;
import dev.cape.app.workflow.charts.ChartKind;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChartsViewModelTest {

    @TempDir
    Path dir;
    final WorkbenchViewModel session = new WorkbenchViewModel(new SameThreadTaskRunner(), TestData.fastOptions());
    final ChartsViewModel vm = new ChartsViewModel(session, new SameThreadTaskRunner());

    @Test
    void exportBeforeAnyResultIsReported() {
        vm.export(ChartKind.FOREST, dir.resolve("f.png"), ChartExport.Format.PNG, 400, 300);
        assertEquals("nothing to export yet: the analysis has not finished", vm.errorProperty().get());
        vm.exportAll(dir, 400, 300);
        assertEquals("nothing to export yet: the analysis has not finished", vm.errorProperty().get());
        assertNull(vm.image(ChartKind.FOREST, 100, 100));
    }

    @Test
    void exportFailureIsReported() {
        session.replaceData(BundledData.baseModels(), Set.of());
        vm.export(ChartKind.FOREST, dir.resolve("f.png"), ChartExport.Format.PNG, 20_000, 300);
        assertTrue(vm.errorProperty().get().contains("width"), vm.errorProperty().get());
    }

    @Test
    void chartsAreBuiltForTheResultAndRebuiltOnSelectionThemeAndLegendChanges() {
        session.replaceData(BundledData.baseModels(), Set.of());
        assertEquals(ChartKind.values().length, vm.chartsProperty().get().size());
        JFreeChart first = vm.chartsProperty().get().get(ChartKind.REASONING_TRUTH);
        session.select(Set.of("meta-llama/Llama-2-7b-hf"));
        JFreeChart selected = vm.chartsProperty().get().get(ChartKind.REASONING_TRUTH);
        assertNotSame(first, selected);
        vm.darkProperty().set(true);
        assertNotSame(selected, vm.chartsProperty().get().get(ChartKind.REASONING_TRUTH));
        vm.legendsProperty().set(false);
        assertTrue(vm.chartsProperty().get().values().stream()
                .allMatch(c -> c.getLegend() == null || !c.getLegend().isVisible()));
        assertNotNull(vm.lastBuildMillisProperty().get());
    }

    @Test
    void exportWritesAValidPngAndAWellFormedSvg() throws Exception {
        session.replaceData(BundledData.baseModels(), Set.of());
        Path png = dir.resolve("forest.png");
        Path svg = dir.resolve("forest.svg");
        vm.export(ChartKind.FOREST, png, ChartExport.Format.PNG, 900, 600);
        assertEquals("Wrote " + png, vm.messageProperty().get());
        vm.export(ChartKind.FOREST, svg, ChartExport.Format.SVG, 900, 600);
        assertEquals(900, ImageIO.read(png.toFile()).getWidth());
        TestData.xml().parse(svg.toFile());
        assertEquals(300, vm.image(ChartKind.FOREST, 400, 300).getHeight());
        vm.exportAll(dir.resolve("all"), 400, 300);
        try (var files = Files.list(dir.resolve("all"))) {
            assertEquals(2 * ChartKind.values().length, files.count());
        }
        assertEquals("", vm.errorProperty().get());
    }
}
