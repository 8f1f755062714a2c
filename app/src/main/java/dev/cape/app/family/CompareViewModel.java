package dev.cape.app.family;

import dev.cape.analysis.compare.MatchedScaleComparison;
import dev.cape.analysis.data.Dataset;
import dev.cape.analysis.diagnosis.DiagnosisOptions;
import dev.cape.app.common.LatestJob;
import dev.cape.app.common.TaskRunner;
import dev.cape.app.shell.WorkbenchViewModel;
import dev.cape.app.workflow.FamilyComparisons;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The chosen family (A) against another (B) at matched scale, as {@code cape compare} computes it, with the session's
 * benchmarks, bandwidth, per-family bootstrap count and seed: both couplings and their difference with bootstrap
 * intervals at each shared size (or one size), and the scale at which B first reaches A's coupling.
 */
public final class CompareViewModel {

    private final WorkbenchViewModel session;
    private final FamilyViewModel family;
    private final ObjectProperty<String> other = new SimpleObjectProperty<>();
    private final StringProperty at = new SimpleStringProperty("");
    private final ReadOnlyObjectWrapper<MatchedScaleComparison.Result> result = new ReadOnlyObjectWrapper<>();
    private final ObservableList<MatchedScaleComparison.Point> rows = FXCollections.observableArrayList();
    private final LatestJob job;

    public CompareViewModel(WorkbenchViewModel session, FamilyViewModel family, TaskRunner runner) {
        this.session = session;
        this.family = family;
        this.job = new LatestJob(runner);
        family.familyProperty().addListener((o, a, b) -> show(null));
    }

    /** Compares the chosen family with {@link #otherProperty()}; a missing choice or a bad size sets the error. */
    public void compare() {
        String a = family.familyProperty().get();
        String b = other.get();
        Dataset data = session.includedData();
        if (a == null || b == null || data == null) {
            job.refuse("choose the family above and a family to compare it with");
            return;
        }
        if (a.equals(b)) {
            job.refuse("choose another family than " + a + " to compare with");
            return;
        }
        Double n;
        try {
            n = at.get() == null || at.get().isBlank() ? null : Double.valueOf(at.get().strip());
        } catch (NumberFormatException e) {
            job.refuse("the size must be a number of billions, or empty for every shared size: " + at.get().strip());
            return;
        }
        DiagnosisOptions o = session.optionsProperty().get();
        job.start("Comparing " + a + " with " + b, p -> FamilyComparisons.compare(data, o.reasoning(), o.truth(),
                o.bandwidth(), o.familyBootstrap(), o.seed(), a, b, n), this::show, () -> show(null));
    }

    private void show(MatchedScaleComparison.Result r) {
        result.set(r);
        rows.setAll(r == null ? java.util.List.of() : r.points());
    }

    public ObjectProperty<String> otherProperty() { return other; }
    public StringProperty atProperty() { return at; }
    public ReadOnlyObjectProperty<MatchedScaleComparison.Result> resultProperty() { return result.getReadOnlyProperty(); }
    public ObservableList<MatchedScaleComparison.Point> rows() { return FXCollections.unmodifiableObservableList(rows); }
    public ReadOnlyBooleanProperty runningProperty() { return job.runningProperty(); }
    public ReadOnlyStringProperty errorProperty() { return job.errorProperty(); }
}
