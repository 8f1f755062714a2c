package dev.cape.app.data;

import dev.cape.analysis.data.BundledData;
import dev.cape.analysis.data.ColumnMapping;
import dev.cape.analysis.data.CsvImporter;
import dev.cape.analysis.data.Dataset;
import dev.cape.analysis.data.ModelRecord;
import dev.cape.app.common.TaskCallbacks;
import dev.cape.app.common.TaskRunner;
import dev.cape.app.shell.WorkbenchViewModel;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Getting data into the session: the bundled data, CSV files (File ▸ Open, drag and drop, {@code cape gui FILE}) and
 * files that need a column mapping. Imports run in the background; what reads is merged into the session and its
 * import notes are listed with the file they concern; what fails is listed with its file, line and column, and the
 * data already loaded stays as it was. When the session's data is replaced (bundled data, a session file) the notes
 * are those of the new data.
 */
public final class ImportsViewModel {

    private final WorkbenchViewModel session;
    private final TaskRunner runner;
    private final ObservableList<ImportProblem> problems = FXCollections.observableArrayList();
    private final ObservableList<ImportNote> notes = FXCollections.observableArrayList();
    private final Deque<MappingRequest> queue = new ArrayDeque<>();
    private final ReadOnlyObjectWrapper<MappingRequest> mappingRequest = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyBooleanWrapper importing = new ReadOnlyBooleanWrapper();
    private final ObservableList<ImportProblem> problemsView = FXCollections.unmodifiableObservableList(problems);
    private final ObservableList<ImportNote> notesView = FXCollections.unmodifiableObservableList(notes);
    private boolean merging;

    public ImportsViewModel(WorkbenchViewModel session, TaskRunner runner) {
        this.session = session;
        this.runner = runner;
        session.datasetProperty().addListener((o, a, b) -> {
            if (!merging) {
                notes.setAll(ImportNote.of(b));
            }
        });
        notes.setAll(ImportNote.of(session.datasetProperty().get()));
    }

    /**
     * Reads the bundled data set in the background and makes it the session's data. Models imported while it loads
     * (files given on the command line, an early drop) are kept after it, with their notes; a session opened
     * meanwhile wins, and the bundled data is then dropped.
     */
    public void loadBundled() {
        importing.set(true);
        int replacementsBefore = session.replacements();
        Dataset before = session.datasetProperty().get();
        List<ImportNote> notesBefore = List.copyOf(notes);
        runner.run("Loading the bundled data", p -> BundledData.baseModels(), TaskCallbacks.<Dataset>of(d -> {
            importing.set(false);
            if (session.replacements() != replacementsBefore) {
                return;
            }
            Dataset now = session.datasetProperty().get();
            if (now == before) {
                session.replaceData(d, Set.of());
                return;
            }
            List<ModelRecord> added = now.models().stream()
                    .filter(m -> before == null || !before.models().contains(m)).toList();
            List<ImportNote> addedNotes = notes.stream().filter(n -> !notesBefore.contains(n)).toList();
            session.replaceData(d.merge(new Dataset(now.source(), added, now.benchmarks(), List.of())), Set.of());
            notes.addAll(addedNotes);
        }, e -> {
            importing.set(false);
            problems.add(ImportProblem.of(BundledData.BASE_MODELS_SOURCE, e));
        }));
    }

    /** Imports CSV files (File ▸ Open, drag and drop) and merges what reads into the session. */
    public void openFiles(List<Path> files) {
        importing.set(true);
        runner.run("Importing " + files.size() + " file(s)", p -> CsvBatch.read(files), TaskCallbacks.<CsvBatch>of(r -> {
            importing.set(false);
            merge(r.data());
            problems.addAll(r.problems());
            queue.addAll(r.requests());
            nextRequest();
        }, e -> {
            importing.set(false);
            problems.add(ImportProblem.of(files.toString(), e));
        }));
    }

    /** Imports the file of the current mapping request with the user's mapping. */
    public void importWithMapping(MappingRequest request, ColumnMapping mapping) {
        importing.set(true);
        runner.run("Importing " + request.file(), p -> CsvImporter.withDefaults().withColumnMapping(mapping)
                .read(request.file()), TaskCallbacks.<Dataset>of(d -> {
                    importing.set(false);
                    merge(List.of(d));
                    nextRequest();
                }, e -> {
                    importing.set(false);
                    problems.add(ImportProblem.of(request.file().toString(), e));
                    nextRequest();
                }));
    }

    /** The user closed the mapping dialog without choosing: the file is listed as not imported. */
    public void skipMapping(MappingRequest request) {
        problems.add(new ImportProblem(request.file().toString(), 1, "", request.file() + ": not imported, "
                + request.reason() + " and no column mapping was chosen"));
        nextRequest();
    }

    /** Merges the data sets into the session and lists each one's notes under its own file. */
    private void merge(List<Dataset> data) {
        merging = true;
        try {
            data.stream().reduce(Dataset::merge).ifPresent(session::mergeData);
        } finally {
            merging = false;
        }
        data.forEach(d -> notes.addAll(ImportNote.of(d)));
    }

    private void nextRequest() {
        mappingRequest.set(queue.poll());
    }

    public void dismissProblem(ImportProblem p) {
        problems.remove(p);
    }

    public void clearProblems() {
        problems.clear();
    }

    public void clearNotes() {
        notes.clear();
    }

    public ObservableList<ImportProblem> problems() { return problemsView; }
    public ObservableList<ImportNote> notes() { return notesView; }
    public ReadOnlyObjectProperty<MappingRequest> mappingRequestProperty() { return mappingRequest.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty importingProperty() { return importing.getReadOnlyProperty(); }
}
