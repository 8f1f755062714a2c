package dev.cape.app.shell;

import dev.cape.analysis.data.Dataset;
import dev.cape.analysis.diagnosis.DiagnosisOptions;
import java.util.List;
import javafx.beans.Observable;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The settings panel, bound to the analysis options: every valid change is applied to the session at once (which
 * recomputes in the background); an invalid one is reported in {@link #errorProperty()} and not applied.
 */
public final class SettingsViewModel {

    private final WorkbenchViewModel session;
    private final ObservableList<String> benchmarks = FXCollections.observableArrayList();
    private final ObservableList<String> reasoning = FXCollections.observableArrayList();
    private final ObjectProperty<String> truth = new SimpleObjectProperty<>();
    private final DoubleProperty bandwidth = new SimpleDoubleProperty();
    private final DoubleProperty tau = new SimpleDoubleProperty();
    private final IntegerProperty permutations = new SimpleIntegerProperty();
    private final IntegerProperty bootstrap = new SimpleIntegerProperty();
    private final IntegerProperty familyBootstrap = new SimpleIntegerProperty();
    private final LongProperty seed = new SimpleLongProperty();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");
    private final ObservableList<String> benchmarksView = FXCollections.unmodifiableObservableList(benchmarks);
    private boolean loading;

    public SettingsViewModel(WorkbenchViewModel session) {
        this.session = session;
        load(session.optionsProperty().get());
        session.optionsProperty().addListener((o, a, b) -> load(b));
        session.datasetProperty().addListener((o, a, b) -> benchmarksOf(b));
        benchmarksOf(session.datasetProperty().get());
        for (Observable p : List.of(reasoning, truth, bandwidth, tau, permutations, bootstrap, familyBootstrap, seed)) {
            p.addListener(x -> apply());
        }
    }

    private void benchmarksOf(Dataset d) {
        benchmarks.setAll(d == null ? List.of() : d.benchmarks());
    }

    private void load(DiagnosisOptions o) {
        loading = true;
        try {
            if (!reasoning.equals(o.reasoning())) {
                reasoning.setAll(o.reasoning());
            }
            truth.set(o.truth());
            bandwidth.set(o.bandwidth());
            tau.set(o.tau());
            permutations.set(o.permutations());
            bootstrap.set(o.bootstrap());
            familyBootstrap.set(o.familyBootstrap());
            seed.set(o.seed());
        } finally {
            loading = false;
        }
    }

    /** Applies the panel's values to the session; returns false (with the reason in the error) when invalid. */
    public boolean apply() {
        if (loading) {
            return false;
        }
        try {
            DiagnosisOptions o = new DiagnosisOptions(List.copyOf(reasoning), truth.get(), bandwidth.get(), tau.get(),
                    permutations.get(), bootstrap.get(), familyBootstrap.get(),
                    session.optionsProperty().get().selection(), seed.get());
            Dataset d = session.datasetProperty().get();
            if (d != null) {
                for (String b : o.reasoning()) {
                    requireKnown(d, b);
                }
                requireKnown(d, o.truth());
            }
            error.set("");
            session.applyOptions(o);
            return true;
        } catch (IllegalArgumentException | NullPointerException e) {
            error.set(e.getMessage() == null ? "incomplete settings" : e.getMessage());
            return false;
        }
    }

    private static void requireKnown(Dataset d, String benchmark) {
        if (!d.benchmarks().contains(benchmark)) {
            throw new IllegalArgumentException("benchmark '" + benchmark + "' is not in the data");
        }
    }

    /** Restores the method's defaults. */
    public void resetToDefaults() {
        session.applyOptions(DiagnosisOptions.defaults());
    }

    public ObservableList<String> benchmarks() { return benchmarksView; }
    public ObservableList<String> reasoning() { return reasoning; }
    public ObjectProperty<String> truthProperty() { return truth; }
    public DoubleProperty bandwidthProperty() { return bandwidth; }
    public DoubleProperty tauProperty() { return tau; }
    public IntegerProperty permutationsProperty() { return permutations; }
    public IntegerProperty bootstrapProperty() { return bootstrap; }
    public IntegerProperty familyBootstrapProperty() { return familyBootstrap; }
    public LongProperty seedProperty() { return seed; }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
}
