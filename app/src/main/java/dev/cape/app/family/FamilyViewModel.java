package dev.cape.app.family;

import dev.cape.analysis.data.Dataset;
import dev.cape.analysis.data.ModelRecord;
import dev.cape.analysis.diagnosis.UserFamilyDiagnosis;
import dev.cape.app.common.LatestJob;
import dev.cape.app.common.TaskRunner;
import dev.cape.app.shell.WorkbenchViewModel;
import dev.cape.app.workflow.FamilyDiagnoses;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * Diagnoses the chosen family of the session's data (its included families) with the session's settings, again
 * whenever the family, the data or the settings change; choosing models of one family in the data pane chooses that
 * family. Runs in the background, cancelling the run it replaces.
 */
public final class FamilyViewModel {

    private final WorkbenchViewModel session;
    private final LatestJob job;
    private final ObservableList<String> families = FXCollections.observableArrayList();
    private final ObservableList<String> placeBenchmarks = FXCollections.observableArrayList();
    private final ObjectProperty<String> family = new SimpleObjectProperty<>();
    private final ReadOnlyObjectWrapper<UserFamilyDiagnosis.Result> result = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");

    public FamilyViewModel(WorkbenchViewModel session, TaskRunner runner) {
        this.session = session;
        this.job = new LatestJob(runner);
        session.datasetProperty().addListener((o, a, b) -> refresh());
        session.excludedFamiliesProperty().addListener((o, a, b) -> refresh());
        session.optionsProperty().addListener((o, a, b) -> {
            placeBenchmarks.setAll(PlacedModel.benchmarks(b));
            run();
        });
        placeBenchmarks.setAll(PlacedModel.benchmarks(session.optionsProperty().get()));
        session.selectedModelsProperty().addListener((o, a, models) -> follow(models));
        family.addListener((o, a, b) -> run());
        refresh();
    }

    /** Diagnoses the chosen family now (nothing when none is chosen). */
    public void run() {
        String f = family.get();
        Dataset data = session.includedData();
        if (f == null || data == null || !data.byFamily().containsKey(f)) {
            job.cancel();
            return;
        }
        var options = session.optionsProperty().get();
        job.start("Diagnosing " + f, p -> FamilyDiagnoses.diagnose(options, data, f, true), this::show, () -> { });
    }

    /**
     * Places one model that is not in the data among the session's families at its scale (a weak diagnosis: the
     * reference phases, mean coupling and percentiles at that N), without adding it to the data. The fields are as
     * typed: {@code scores} the benchmarks of {@link #placeBenchmarks()} as fractions in [0, 1]; {@code hiddenSize}
     * may be empty. A bad field sets the error, naming it.
     */
    public void place(String name, String paramsB, String hiddenSize, Map<String, String> scores) {
        Dataset data = session.includedData();
        var options = session.optionsProperty().get();
        ModelRecord m;
        try {
            m = PlacedModel.of(name, paramsB, hiddenSize, scores, options);
        } catch (IllegalArgumentException e) {
            job.refuse(e.getMessage());
            return;
        }
        family.set(null);   // the tables now show the placed model, not the family chosen before
        Dataset one = new Dataset("placed model", List.of(m), List.copyOf(m.scores().keySet()), List.of());
        Dataset all = data == null ? one : data.merge(one);
        job.start("Placing " + m.model(), p -> FamilyDiagnoses.diagnose(options, all, m.family(), true), this::show,
                () -> { });
    }

    private void show(UserFamilyDiagnosis.Result r) {
        result.set(r);
        summary.set(FamilySummary.of(r));
    }

    private void refresh() {
        Dataset data = session.includedData();
        List<String> names = data == null ? List.of() : List.copyOf(new TreeSet<>(data.byFamily().keySet()));
        String chosen = family.get();
        families.setAll(names);
        if (chosen != null && !names.contains(chosen)) {
            family.set(null);
            result.set(null);
            summary.set("");
        } else {
            run();
        }
    }

    /** Chooses the family of the selected models when they all belong to one. */
    private void follow(Set<String> models) {
        Dataset data = session.includedData();
        if (data == null || models.isEmpty()) {
            return;
        }
        Set<String> of = new TreeSet<>();
        for (ModelRecord m : data.models()) {
            if (models.contains(m.model())) {
                of.add(m.family());
            }
        }
        if (of.size() == 1) {
            family.set(of.iterator().next());
        }
    }

    public ObservableList<String> families() { return FXCollections.unmodifiableObservableList(families); }
    /** The benchmarks a model to place needs scores for: the current reasoning benchmarks and the truth benchmark. */
    public ObservableList<String> placeBenchmarks() { return FXCollections.unmodifiableObservableList(placeBenchmarks); }
    public ObjectProperty<String> familyProperty() { return family; }
    public ReadOnlyObjectProperty<UserFamilyDiagnosis.Result> resultProperty() { return result.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return job.runningProperty(); }
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return job.errorProperty(); }
}
