package dev.cape.app.shell;

import dev.cape.app.common.FxTaskRunner;
import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: the workbench on the bundled data, with the user's preferences. */
public final class WorkbenchApp extends Application {

    private FxTaskRunner runner;

    @Override
    public void start(Stage stage) {
        runner = new FxTaskRunner();
        Workbench wb = new Workbench(runner, WorkbenchPreferences.user());
        wb.show(stage);
        wb.loadBundled();
    }

    @Override
    public void stop() {
        if (runner != null) {
            runner.shutdown();
        }
    }
}
