package dev.cape.app.shell;

import dev.cape.app.common.TaskCallbacks;
import dev.cape.app.common.TaskRunner;
import dev.cape.app.workflow.SessionFile;
import java.nio.file.Path;
import java.util.List;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/** Saving and opening {@code .cape} sessions, and the recent files, kept in the preferences. */
public final class SessionViewModel {

    private final WorkbenchViewModel session;
    private final TaskRunner runner;
    private final WorkbenchPreferences preferences;
    private final ObservableList<Path> recent = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper message = new ReadOnlyStringWrapper("");

    public SessionViewModel(WorkbenchViewModel session, TaskRunner runner, WorkbenchPreferences preferences) {
        this.session = session;
        this.runner = runner;
        this.preferences = preferences;
        recent.setAll(preferences.recentFiles());
    }

    /** Saves data, settings and left-out families to a {@code .cape} file (atomically). */
    public void save(Path file) {
        if (session.datasetProperty().get() == null) {
            error.set("nothing to save: no data loaded");
            return;
        }
        SessionFile.Session s = new SessionFile.Session(session.datasetProperty().get(),
                session.optionsProperty().get(), session.excludedFamiliesProperty().get());
        runner.run("Saving " + file.getFileName(), p -> {
            SessionFile.write(s, file);
            return file;
        }, TaskCallbacks.of(f -> {
            remember(f);
            error.set("");
            message.set("Saved " + f);
        }, this::failed));
    }

    /** Opens a session, replacing the data and settings; on failure the current session stays. */
    public void open(Path file) {
        runner.run("Opening " + file.getFileName(), p -> SessionFile.read(file), TaskCallbacks.of(s -> {
            remember(file);
            error.set("");
            message.set("Opened " + file);
            session.applyOptionsSilently(s.options());
            session.replaceData(s.data(), s.excludedFamilies());
        }, this::failed));
    }

    /** Records a file opened elsewhere (a CSV) in the recent files. */
    public void remember(Path file) {
        preferences.addRecent(file);
        recent.setAll(preferences.recentFiles());
    }

    public void remember(List<Path> files) {
        files.forEach(this::remember);
    }

    private void failed(Throwable e) {
        error.set(e.getMessage() == null ? e.toString() : e.getMessage());
    }

    public ObservableList<Path> recent() { return FXCollections.unmodifiableObservableList(recent); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    public ReadOnlyStringProperty messageProperty() { return message.getReadOnlyProperty(); }
}
