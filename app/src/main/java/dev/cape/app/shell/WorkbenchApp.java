package dev.cape.app.shell;

import dev.cape.app.common.FxTaskRunner;
import java.nio.file.Path;
import java.util.List;
import javafx.application.Application;
import javafx.stage.Stage;

/** The JavaFX application: the workbench on the bundled data, with the user's preferences. */
public final class WorkbenchApp extends Application {

    private FxTaskRunner runner;

    @Override
    public void start(Stage stage) {
        runner = new FxTaskRunner();
        Workbench wb = new Workbench(runner, WorkbenchPreferences.user());
        // the quick pass runs in the background while the FX thread builds and shows the window
        wb.loadBundled();
        wb.show(stage);
        List<Path> files = getParameters().getRaw().stream().map(Path::of).toList();
        if (!files.isEmpty()) {
            wb.openDropped(files);   // as if dropped on the window: CSV files imported, a model loaded
        }
    }

    @Override
    public void stop() {
        if (runner != null) {
            runner.shutdown();
        }
    }
}
