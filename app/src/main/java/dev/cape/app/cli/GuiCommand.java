package dev.cape.app.cli;

import dev.cape.app.shell.WorkbenchLauncher;
import java.awt.GraphicsEnvironment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cape gui}: opens the workbench on the bundled data; refuses with a message where there is no display. */
@Command(name = "gui", mixinStandardHelpOptions = true,
        header = "Opens the workbench window on the bundled data, with any CSV files or model given.",
        description = "Open the CAPE Workbench window on the bundled data (needs a display). Files given are "
                + "opened as if dropped on the window: CSV files are imported, a model folder or llama2.c "
                + "model.bin is loaded for the head inspector and steering console.")
public final class GuiCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "CSV files, and a model folder or model.bin.")
    List<Path> files = List.of();

    @Override
    public Integer call() {
        for (Path f : files) {
            if (!Files.exists(f)) {
                throw new IllegalArgumentException("no such file or folder: " + f);
            }
        }
        if (!displayAvailable()) {
            spec.commandLine().getErr().println("cape: no display available for the workbench window"
                    + " (DISPLAY is not set); use 'cape diagnose', or 'cape screenshot --out DIR' to render it offscreen");
            return CapeCommand.EXIT_USAGE;
        }
        WorkbenchLauncher.launch(files.stream().map(Path::toString).toArray(String[]::new));
        return CapeCommand.EXIT_OK;
    }

    /** Whether a window can be opened: false on a headless JVM or a machine without a display. */
    static boolean displayAvailable() {
        return !GraphicsEnvironment.isHeadless();
    }
}
