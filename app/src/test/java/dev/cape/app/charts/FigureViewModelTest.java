package dev.cape.app.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.app.common.SameThreadTaskRunner;
import dev.cape.app.workflow.charts.ChartExport;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jfree.chart.ChartFactory;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A stand-alone figure: refused before it exists, then exported as PNG and SVG and drawn for the clipboard. */
class FigureViewModelTest {

    @TempDir
    Path dir;

    final FigureViewModel vm = new FigureViewModel(new SameThreadTaskRunner());

    @Test
    void exportBeforeAFigureIsRefusedWithAMessage() {
        vm.export(dir.resolve("a.png"), ChartExport.Format.PNG, 400, 300);
        assertEquals("nothing to export yet: run it first", vm.errorProperty().get());
        assertTrue(Files.notExists(dir.resolve("a.png")));
        assertNull(vm.image(400, 300));
    }

    @Test
    void exportWritesPngAndSvgAndABadSizeIsReported() throws Exception {
        XYSeries s = new XYSeries("line");
        s.add(0, 1);
        s.add(1, 2);
        vm.chartProperty().set(ChartFactory.createXYLineChart("t", "x", "y", new XYSeriesCollection(s)));
        vm.export(dir.resolve("a.png"), ChartExport.Format.PNG, 400, 300);
        vm.export(dir.resolve("a.svg"), ChartExport.Format.SVG, 400, 300);
        assertEquals("", vm.errorProperty().get());
        assertEquals("Wrote " + dir.resolve("a.svg"), vm.messageProperty().get());
        byte[] png = Files.readAllBytes(dir.resolve("a.png"));
        assertEquals((byte) 0x89, png[0]);
        assertTrue(Files.readString(dir.resolve("a.svg")).contains("<svg"));
        assertNotNull(vm.image(200, 100));
        vm.export(dir.resolve("b.png"), ChartExport.Format.PNG, 20, 300);
        assertEquals("width must be in [50, 10000] pixels: 20", vm.errorProperty().get());
    }
}
