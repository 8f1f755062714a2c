package dev.cape.app.shell;

import dev.cape.app.charts.ChartsViewModel;
import dev.cape.app.common.TaskRunner;
import dev.cape.app.data.DataViewModel;
import dev.cape.app.data.ImportsViewModel;
import dev.cape.app.family.CompareViewModel;
import dev.cape.app.family.FamilyViewModel;
import dev.cape.app.family.PredictionViewModel;
import dev.cape.app.heads.HeadsViewModel;
import dev.cape.app.steering.SteeringConsoleViewModel;
import dev.cape.inference.eval.ModelFiles;
import dev.cape.app.model.ModelViewModel;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.value.ObservableStringValue;
import javafx.scene.Scene;
import javafx.stage.Stage;

/**
 * Composition root of the workbench: creates the view models around one task runner and one preferences store,
 * and puts the main window on a stage. Used by {@link WorkbenchApp}, the screenshot command and the tests.
 */
public final class Workbench {

    private final WorkbenchPreferences preferences;
    private final WorkbenchViewModel session;
    private final DataViewModel data;
    private final ImportsViewModel imports;
    private final SettingsViewModel settings;
    private final ChartsViewModel charts;
    private final SessionViewModel sessions;
    private final ModelViewModel model;
    private final FamilyViewModel family;
    private final CompareViewModel compare;
    private final PredictionViewModel prediction;
    private final HeadsViewModel heads;
    private final SteeringConsoleViewModel steering;
    private MainWindow window;

    public Workbench(TaskRunner runner, WorkbenchPreferences preferences) {
        this.preferences = preferences;
        session = new WorkbenchViewModel(runner, preferences.options());
        data = new DataViewModel(session);
        imports = new ImportsViewModel(session, runner);
        settings = new SettingsViewModel(session);
        charts = new ChartsViewModel(session, runner);
        sessions = new SessionViewModel(session, runner, preferences);
        model = new ModelViewModel(runner);
        model.pathProperty().set(preferences.modelPath());
        model.deviceProperty().set(preferences.modelDevice());
        model.dtypeProperty().set(preferences.modelDtype());
        family = new FamilyViewModel(session, runner);
        compare = new CompareViewModel(session, family, runner);
        prediction = new PredictionViewModel(session, family, runner);
        heads = new HeadsViewModel(model, runner);
        heads.darkProperty().bind(charts.darkProperty());
        steering = new SteeringConsoleViewModel(model, runner);
        steering.darkProperty().bind(charts.darkProperty());
        charts.darkProperty().set(preferences.dark());
    }

    /** Starts on the bundled data set, read and diagnosed in the background. */
    public void loadBundled() {
        imports.loadBundled();
    }

    /** Imports CSV files into the session. */
    public void openCsv(List<Path> files) {
        sessions.remember(files);
        imports.openFiles(files);
    }

    /**
     * Opens dropped files: a model (Hugging Face folder, llama2.c {@code model.bin} or a folder holding one) becomes the
     * model of the head inspector and steering console and is loaded; the rest are imported as CSV.
     */
    public void openDropped(List<Path> files) {
        List<Path> models = files.stream().filter(ModelFiles::looksLikeModel).toList();
        List<Path> data = files.stream().filter(f -> !models.contains(f)).toList();
        if (!models.isEmpty()) {
            openModel(models.get(models.size() - 1));
        }
        if (!data.isEmpty()) {
            openCsv(data);
        }
    }

    /** Makes {@code path} the model of the model tabs, loads it in the background and shows the head inspector. */
    public void openModel(Path path) {
        model.pathProperty().set(path.toString());
        model.load();
        if (window != null) {
            window.charts().showTab("tab-heads");
        }
    }

    /** Opens a recent file: a {@code .cape} session or a CSV. */
    public void openAny(Path file) {
        if (file.getFileName().toString().endsWith(".cape")) {
            sessions.open(file);
        } else {
            openCsv(List.of(file));
        }
    }

    /** Shows the main window on the stage, with the remembered bounds, dividers and theme. */
    public Scene show(Stage stage) {
        window = new MainWindow(this);
        double[] b = preferences.windowBounds();
        Scene scene = new Scene(window, b[2], b[3]);
        Theme.of(charts.darkProperty().get()).applyTo(scene);
        charts.darkProperty().addListener((o, was, dark) -> Theme.of(dark).applyTo(scene));
        window.split().setDividerPositions(preferences.dividers());
        if (!Double.isNaN(b[0]) && !Double.isNaN(b[1])) {
            stage.setX(b[0]);
            stage.setY(b[1]);
        }
        stage.setTitle("CAPE Workbench");
        stage.setScene(scene);
        alertOn(sessions.errorProperty(), "Session");
        alertOn(charts.errorProperty(), "Export");
        stage.setOnHidden(e -> {
            remember(stage);
            model.close();
        });
        stage.show();
        return scene;
    }

    private static void alertOn(ObservableStringValue error, String what) {
        error.addListener((o, a, m) -> {
            if (m != null && !m.isEmpty()) {
                ErrorAlert.of(what + " failed", m, null).show();
            }
        });
    }

    /** Saves window bounds, dividers, theme, settings and the model's path, device and dtype to the preferences. */
    public void remember(Stage stage) {
        preferences.setWindowBounds(stage.getX(), stage.getY(), stage.getWidth(), stage.getHeight());
        if (window != null) {
            preferences.setDividers(window.split().getDividerPositions());
        }
        preferences.setDark(charts.darkProperty().get());
        preferences.setOptions(session.optionsProperty().get());
        preferences.setModel(model.pathProperty().get(), model.deviceProperty().get());
        preferences.setModelDtype(model.dtypeProperty().get());
        preferences.flush();
    }

    public WorkbenchViewModel session() { return session; }
    public DataViewModel data() { return data; }
    public ImportsViewModel imports() { return imports; }
    public SettingsViewModel settings() { return settings; }
    public ChartsViewModel charts() { return charts; }
    public SessionViewModel sessions() { return sessions; }
    public ModelViewModel model() { return model; }
    public FamilyViewModel family() { return family; }
    public CompareViewModel compare() { return compare; }
    public PredictionViewModel prediction() { return prediction; }
    public HeadsViewModel heads() { return heads; }
    public SteeringConsoleViewModel steering() { return steering; }
    public MainWindow window() { return window; }
}
