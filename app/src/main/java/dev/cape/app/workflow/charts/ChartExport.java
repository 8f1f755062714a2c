package dev.cape.app.workflow.charts;

import dev.cape.app.workflow.AtomicFiles;
import dev.cape.app.workflow.WorkbenchAnalysis;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.svg.SVGGraphics2D;

/**
 * Writes charts as PNG ({@link ChartUtils}) or SVG (JFreeSVG), one at a time or all into a folder; each file is
 * written to a temporary file beside it and then moved into place, so a reader never sees half a file.
 */
public final class ChartExport {

    /** Export file formats. */
    public enum Format {
        PNG, SVG;

        public String extension() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private ChartExport() {
    }

    /**
     * Writes one chart.
     *
     * @throws IllegalArgumentException for a width or height outside [50, 10000]
     * @throws UncheckedIOException     when the file cannot be written
     */
    public static Path write(JFreeChart chart, Path file, Format format, int width, int height) {
        checkSize(width, "width");
        checkSize(height, "height");
        try {
            AtomicFiles.write(file, tmp -> {
                if (format == Format.PNG) {
                    ChartUtils.saveChartAsPNG(tmp.toFile(), chart, width, height);
                } else {
                    Files.writeString(tmp, svg(chart, width, height));
                }
            });
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + AtomicFiles.reason(e), e);
        }
    }

    /** The chart as an SVG document. */
    public static String svg(JFreeChart chart, int width, int height) {
        SVGGraphics2D g = new SVGGraphics2D(width, height);
        chart.draw(g, new Rectangle(0, 0, width, height));
        return g.getSVGDocument();
    }

    /** Writes every chart of a result into {@code dir} as {@code <name>.<ext>} in each format; returns the files. */
    public static List<Path> exportAll(WorkbenchAnalysis.Result result, ChartStyle style, Path dir,
                                       List<Format> formats, int width, int height) {
        List<Path> out = new ArrayList<>();
        for (Map.Entry<ChartKind, JFreeChart> e : WorkbenchCharts.buildAll(result, style).entrySet()) {
            for (Format f : formats) {
                out.add(write(e.getValue(), dir.resolve(e.getKey().fileName() + "." + f.extension()), f, width, height));
            }
        }
        return out;
    }

    private static void checkSize(int v, String what) {
        if (v < 50 || v > 10_000) {
            throw new IllegalArgumentException(what + " must be in [50, 10000] pixels: " + v);
        }
    }
}
