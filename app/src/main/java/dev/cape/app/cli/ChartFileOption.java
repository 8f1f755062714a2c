package dev.cape.app.cli;

import dev.cape.app.workflow.charts.ChartExport;
import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;
import org.jfree.chart.JFreeChart;
import picocli.CommandLine.Option;

/**
 * The {@code --chart FILE} and {@code --chart-size WxH} options of the model commands: the figure the workbench
 * shows for the same run, written as PNG or SVG by the file's extension.
 */
public final class ChartFileOption {

    @Option(names = "--chart", paramLabel = "FILE",
            description = "Also write the figure as PNG or SVG (chosen by the file's extension).")
    Path chart;

    @Option(names = "--chart-size", defaultValue = "1200x800", paramLabel = "WxH",
            description = "Figure size in pixels. Default: ${DEFAULT-VALUE}.")
    String size;

    /** Refuses a bad extension or size before any long work starts. */
    public void check() {
        if (chart != null) {
            format();
            dimensions();
            OutputTarget.checkFile(chart, "--chart");
        }
    }

    /** Whether a figure was asked for. */
    public boolean wanted() {
        return chart != null;
    }

    /** Writes the figure when one was asked for; returns the file, or null. */
    public Path write(Supplier<JFreeChart> figure) {
        if (chart == null) {
            return null;
        }
        int[] wh = dimensions();
        return ChartExport.write(figure.get(), chart, format(), wh[0], wh[1]);
    }

    private ChartExport.Format format() {
        String name = chart.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return ChartExport.Format.PNG;
        }
        if (name.endsWith(".svg")) {
            return ChartExport.Format.SVG;
        }
        throw new IllegalArgumentException("--chart must end in .png or .svg: " + chart);
    }

    private int[] dimensions() {
        String[] p = size.toLowerCase(Locale.ROOT).split("x");
        try {
            if (p.length == 2) {
                int w = Integer.parseInt(p[0].strip());
                int h = Integer.parseInt(p[1].strip());
                if (w >= 50 && w <= 10_000 && h >= 50 && h <= 10_000) {
                    return new int[] {w, h};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--chart-size must be WIDTHxHEIGHT, each in [50, 10000] pixels: " + size);
    }
}
