package dev.cape.app.cli;

import dev.cape.app.shell.WorkbenchLauncher;
import java.awt.GraphicsEnvironment;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cape gui}: opens the workbench on the bundled data; refuses with a message where there is no display. */
@Command(name = "gui", mixinStandardHelpOptions = true,
        description = "Open the CAPE Workbench window on the bundled data (needs a display).")
public final class GuiCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        if (!displayAvailable()) {
            spec.commandLine().getErr().println("cape: no display available for the workbench window"
                    + " (DISPLAY is not set); use 'cape diagnose', or 'cape screenshot --out DIR' to render it offscreen");
            return CapeCommand.EXIT_USAGE;
        }
        WorkbenchLauncher.launch();
        return CapeCommand.EXIT_OK;
    }

    /** Whether a window can be opened: false on a headless JVM or a machine without a display. */
    static boolean displayAvailable() {
        return !GraphicsEnvironment.isHeadless();
    }
}
