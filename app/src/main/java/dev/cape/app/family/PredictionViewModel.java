package dev.cape.app.family;

import dev.cape.analysis.data.Dataset;
import dev.cape.analysis.ode.CompositeScores;
import dev.cape.analysis.ode.HoldOutPrediction;
import dev.cape.analysis.ode.ModelPrediction;
import dev.cape.analysis.ode.Sindy;
import dev.cape.app.common.LatestJob;
import dev.cape.app.common.TaskRunner;
import dev.cape.app.shell.WorkbenchViewModel;
import java.util.Locale;
import java.util.OptionalDouble;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The scaling ODE's prediction of the chosen family: the SINDy field fitted on every other family of the session
 * (the settings' composites, as the phase-portrait chart), integrated from the family's smallest size, against its
 * observed scores ({@code Sindy.holdOut}, as {@code cape ode --holdout FAMILY} does).
 */
public final class PredictionViewModel {

    private final WorkbenchViewModel session;
    private final FamilyViewModel family;
    private final ReadOnlyObjectWrapper<HoldOutPrediction> result = new ReadOnlyObjectWrapper<>();
    private final ObservableList<ModelPrediction> rows = FXCollections.observableArrayList();
    private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
    private final LatestJob job;

    public PredictionViewModel(WorkbenchViewModel session, FamilyViewModel family, TaskRunner runner) {
        this.session = session;
        this.family = family;
        this.job = new LatestJob(runner);
        family.familyProperty().addListener((o, a, b) -> show(null));
    }

    /** Fits on the other families and predicts the chosen one; a family with one size or none chosen is refused. */
    public void predict() {
        String f = family.familyProperty().get();
        Dataset data = session.includedData();
        if (f == null || data == null) {
            job.refuse("choose a family above first");
            return;
        }
        var o = session.optionsProperty().get();
        Sindy sindy = Sindy.withDefaults().withScores(CompositeScores.withDefaults().withReasoning(o.reasoning())
                .withTruth(o.truth()));
        job.start("Predicting " + f + " from the other families", p -> sindy.holdOut(data, f), this::show,
                () -> show(null));
    }

    private void show(HoldOutPrediction r) {
        result.set(r);
        rows.setAll(r == null ? java.util.List.of() : r.models());
        summary.set(r == null ? "" : describe(r));
    }

    /** The status in words and the mean absolute percentage errors of R, T and both. */
    static String describe(HoldOutPrediction r) {
        return String.format(Locale.ROOT, "%s%s — mean absolute percentage error: R %s, T %s, both %s",
                r.status().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                r.message().isEmpty() ? "" : " (" + r.message() + ")", pct(r.mapeR()), pct(r.mapeT()),
                pct(r.mapeCombined()));
    }

    private static String pct(OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.2f%%", v.getAsDouble()) : "-";   // already in percent
    }

    public ReadOnlyObjectProperty<HoldOutPrediction> resultProperty() { return result.getReadOnlyProperty(); }
    public ObservableList<ModelPrediction> rows() { return FXCollections.unmodifiableObservableList(rows); }
    public ReadOnlyStringProperty summaryProperty() { return summary.getReadOnlyProperty(); }
    public ReadOnlyBooleanProperty runningProperty() { return job.runningProperty(); }
    public ReadOnlyStringProperty errorProperty() { return job.errorProperty(); }
}
