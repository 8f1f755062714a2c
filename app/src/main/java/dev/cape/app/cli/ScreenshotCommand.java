package dev.cape.app.cli;

import dev.cape.app.shell.Screenshots;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cape screenshot --out DIR}: the workbench window and every chart as PNG files, rendered offscreen. */
@Command(name = "screenshot", mixinStandardHelpOptions = true,
        description = "Render the workbench window (light and dark) and every chart on the bundled data to PNG files, "
                + "without a display, and print the start-up and update timings.")
public final class ScreenshotCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for the PNG files.")
    Path out;

    @Option(names = "--width", defaultValue = "1200", description = "Chart width in pixels (default: ${DEFAULT-VALUE}).")
    int width;

    @Option(names = "--height", defaultValue = "800", description = "Chart height in pixels (default: ${DEFAULT-VALUE}).")
    int height;

    @Option(names = "--model", paramLabel = "DIR|model.bin",
            description = "Also run the head inspector and the steering console on this model and render them "
                    + "(stories15M: about half a minute).")
    Path model;

    @Override
    public Integer call() throws Exception {
        if (model != null && !dev.cape.inference.eval.ModelFiles.looksLikeModel(model)) {
            throw new IllegalArgumentException("--model " + model + ": " + (java.nio.file.Files.exists(model)
                    ? "not a Hugging Face model folder (config.json) or a llama2.c model.bin"
                    : "no such file or folder"));
        }
        Screenshots.Report r;
        try {
            r = Screenshots.render(out, width, height, model);
        } finally {
            Screenshots.exitToolkit();
        }
        PrintWriter w = spec.commandLine().getOut();
        r.files().forEach(f -> w.println("wrote " + f));
        w.println("start to window shown: " + r.windowMillis() + " ms");
        w.println("start to usable window with the bundled data diagnosed (quick pass): " + r.startMillis() + " ms");
        w.println("start to full permutation tests finished: " + r.fullMillis() + " ms");
        w.println("bandwidth change to charts rebuilt: " + r.updateMillis() + " ms; to window drawn: "
                + r.renderMillis() + " ms (quick pass " + r.computeMillis() + " ms, building the charts "
                + r.buildMillis() + " ms)");
        r.modelMillis().forEach((what, ms) -> w.println(what + ": " + ms + " ms"));
        return CapeCommand.EXIT_OK;
    }
}
