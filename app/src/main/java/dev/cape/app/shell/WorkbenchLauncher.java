package dev.cape.app.shell;

import javafx.application.Application;

/**
 * Plain launcher of {@link WorkbenchApp}: on the class path JavaFX must be started from a class that does not
 * extend {@link Application}. Its methods take and return no JavaFX types, so the CLI can call it.
 */
public final class WorkbenchLauncher {

    private WorkbenchLauncher() {
    }

    /** Opens the workbench and returns when its window is closed. */
    public static void launch(String... args) {
        Application.launch(WorkbenchApp.class, args);
    }

    public static void main(String[] args) {
        launch(args);
    }
}
