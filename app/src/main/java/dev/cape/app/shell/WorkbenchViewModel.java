package dev.cape.app.shell;

import dev.cape.analysis.data.Dataset;
import dev.cape.analysis.diagnosis.DiagnosisOptions;
import dev.cape.app.common.TaskCallbacks;
import dev.cape.app.common.TaskHandle;
import dev.cape.app.common.TaskRunner;
import dev.cape.app.workflow.WorkbenchAnalysis;
import dev.cape.app.workflow.WorkbenchAnalysis.Stage;
import java.util.LinkedHashSet;
import java.util.Set;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyDoubleWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;

/**
 * The session: the data, the families included, the analysis options and the latest result. Every change
 * recomputes in the background, cancelling the run in progress: first a quick pass, then the full one, whose
 * result replaces the quick one when it arrives ({@link #fullPendingProperty()} is true in between).
 */
public final class WorkbenchViewModel {

    private final TaskRunner runner;
    private final WorkbenchAnalysis analysis = new WorkbenchAnalysis();
    private final ReadOnlyObjectWrapper<Dataset> dataset = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Set<String>> excludedFamilies = new ReadOnlyObjectWrapper<>(Set.of());
    private final ReadOnlyObjectWrapper<DiagnosisOptions> options;
    private final ReadOnlyObjectWrapper<WorkbenchAnalysis.Result> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyObjectWrapper<Set<String>> selectedModels = new ReadOnlyObjectWrapper<>(Set.of());
    private final ReadOnlyBooleanWrapper running = new ReadOnlyBooleanWrapper();
    private final ReadOnlyBooleanWrapper fullPending = new ReadOnlyBooleanWrapper();
    private final ReadOnlyDoubleWrapper progress = new ReadOnlyDoubleWrapper();
    private final ReadOnlyStringWrapper status = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private TaskHandle current = TaskHandle.NONE;
    private long startedNanos;
    private final ReadOnlyObjectWrapper<Long> lastQuickMillis = new ReadOnlyObjectWrapper<>();
    private int replacements;

    public WorkbenchViewModel(TaskRunner runner, DiagnosisOptions initial) {
        this.runner = runner;
        this.options = new ReadOnlyObjectWrapper<>(initial);
    }

    /** Replaces the data (a loaded session, or the bundled data at start) and recomputes. */
    public void replaceData(Dataset data, Set<String> excluded) {
        replacements++;
        dataset.set(data);
        excludedFamilies.set(Set.copyOf(excluded));
        recompute();
    }

    /** Adds models to the session's data and recomputes. */
    public void mergeData(Dataset data) {
        dataset.set(dataset.get() == null ? data : dataset.get().merge(data));
        recompute();
    }

    /** How many times the data was replaced; a background load compares it to learn whether it was overtaken. */
    public int replacements() {
        return replacements;
    }

    public void setFamilyIncluded(String family, boolean included) {
        Set<String> s = new LinkedHashSet<>(excludedFamilies.get());
        if (included ? s.remove(family) : s.add(family)) {
            excludedFamilies.set(Set.copyOf(s));
            recompute();
        }
    }

    /** Leaves out exactly {@code families} (one recomputation, however many change). */
    public void setExcludedFamilies(Set<String> families) {
        if (!families.equals(excludedFamilies.get())) {
            excludedFamilies.set(Set.copyOf(families));
            recompute();
        }
    }

    /** New options; recomputes when they differ from the current ones. */
    public void applyOptions(DiagnosisOptions o) {
        if (!o.equals(options.get())) {
            options.set(o);
            recompute();
        }
    }

    /** New options without recomputing (a session being opened recomputes once its data is in place). */
    public void applyOptionsSilently(DiagnosisOptions o) {
        options.set(o);
    }

    public void select(Set<String> models) {
        selectedModels.set(Set.copyOf(models));
    }

    /** Cancels the run in progress, starts the quick pass and, after it, the full pass. */
    public void recompute() {
        current.cancel();
        Dataset data = includedData();
        if (data == null) {
            return;
        }
        DiagnosisOptions o = options.get();
        error.set("");
        running.set(true);
        fullPending.set(true);
        startedNanos = System.nanoTime();
        current = runner.run("Quick diagnosis", p -> analysis.run(data, o, Stage.QUICK, p),
                callbacks(r -> {
                    lastQuickMillis.set((System.nanoTime() - startedNanos) / 1_000_000);
                    result.set(r);
                    current = runner.run("Full permutation tests", p -> analysis.run(data, o, Stage.FULL, p),
                            callbacks(this::finished));
                }));
    }

    private void finished(WorkbenchAnalysis.Result r) {
        result.set(r);
        running.set(false);
        fullPending.set(false);
        progress.set(1);
        status.set("Diagnosed " + r.diagnosis().families().size() + " families in "
                + (System.nanoTime() - startedNanos) / 1_000_000 + " ms");
    }

    private TaskCallbacks<WorkbenchAnalysis.Result> callbacks(java.util.function.Consumer<WorkbenchAnalysis.Result> ok) {
        return new TaskCallbacks<>(ok, e -> {
            running.set(false);
            fullPending.set(false);
            error.set(e.getMessage() == null ? e.toString() : e.getMessage());
            status.set("Analysis failed");
        }, p -> {
            progress.set(p.fraction());
            status.set(p.message());
        });
    }

    /** Stops the run in progress; the charts keep the last result. */
    public void cancel() {
        current.cancel();
        current = TaskHandle.NONE;
        running.set(false);
        fullPending.set(false);
        status.set("Cancelled");
    }

    /** The data without the excluded families; null before any data is loaded. */
    public Dataset includedData() {
        Dataset d = dataset.get();
        if (d == null || excludedFamilies.get().isEmpty()) {
            return d;
        }
        return new Dataset(d.source(), d.models().stream().filter(m -> !excludedFamilies.get().contains(m.family()))
                .toList(), d.benchmarks(), d.importNotes());
    }

    public ReadOnlyObjectProperty<Dataset> datasetProperty() { return dataset.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Set<String>> excludedFamiliesProperty() { return excludedFamilies.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<DiagnosisOptions> optionsProperty() { return options.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<WorkbenchAnalysis.Result> resultProperty() { return result.getReadOnlyProperty(); }
    public ReadOnlyObjectProperty<Set<String>> selectedModelsProperty() { return selectedModels.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return running.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty fullPendingProperty() { return fullPending.getReadOnlyProperty(); }
    public ReadOnlyDoubleProperty progressProperty() { return progress.getReadOnlyProperty(); }
    public ReadOnlyStringProperty statusProperty() { return status.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
    /** Milliseconds from the last change to the quick result. */
    public ReadOnlyObjectProperty<Long> lastQuickMillisProperty() { return lastQuickMillis.getReadOnlyProperty(); }
}
