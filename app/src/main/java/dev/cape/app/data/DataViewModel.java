package dev.cape.app.data;

import dev.cape.analysis.data.Dataset;
import dev.cape.app.shell.WorkbenchViewModel;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * The data pane's table and family list: one row per model with its analysis, the families with their checked
 * state (unchecked ones are left out of the analysis), and the selection that every chart rings. Getting data in
 * is {@link ImportsViewModel}'s.
 */
public final class DataViewModel {

    private final WorkbenchViewModel session;
    private final ObservableList<ModelRow> rows = FXCollections.observableArrayList();
    private final ObservableList<String> families = FXCollections.observableArrayList();
    private final Map<String, BooleanProperty> included = new HashMap<>();
    private final ObservableList<ModelRow> rowsView = FXCollections.unmodifiableObservableList(rows);
    private final ObservableList<String> familiesView = FXCollections.unmodifiableObservableList(families);

    public DataViewModel(WorkbenchViewModel session) {
        this.session = session;
        session.datasetProperty().addListener((o, a, b) -> refresh());
        session.resultProperty().addListener((o, a, b) -> refresh());
        session.excludedFamiliesProperty().addListener((o, a, b) -> included.forEach((f, p) -> p.set(!b.contains(f))));
        refresh();
    }

    /** Whether a family is analysed; setting it to false leaves the family out and recomputes. */
    public BooleanProperty includedProperty(String family) {
        return included.computeIfAbsent(family, f -> {
            BooleanProperty p = new SimpleBooleanProperty(!session.excludedFamiliesProperty().get().contains(f));
            p.addListener((o, a, b) -> session.setFamilyIncluded(f, b));
            return p;
        });
    }

    /** Checks every family. */
    public void includeAll() {
        session.setExcludedFamilies(java.util.Set.of());
    }

    /** Checks only {@code keep} and leaves out every other family, in one recomputation; nothing when empty. */
    public void includeOnly(Collection<String> keep) {
        if (!keep.isEmpty()) {
            session.setExcludedFamilies(families.stream().filter(f -> !keep.contains(f)).collect(Collectors.toSet()));
        }
    }

    /** Checks only the families of the selected rows. */
    public void includeOnlySelected() {
        includeOnly(session.selectedModelsProperty().get().isEmpty() ? List.of() : rows.stream()
                .filter(r -> session.selectedModelsProperty().get().contains(r.model())).map(ModelRow::family)
                .collect(Collectors.toSet()));
    }

    /** Selects rows: their models are ringed in every chart. */
    public void select(List<ModelRow> selected) {
        session.select(selected.stream().map(ModelRow::model).collect(Collectors.toSet()));
    }

    private void refresh() {
        Dataset d = session.datasetProperty().get();
        rows.setAll(d == null ? List.of() : RowBuilder.rows(d, session.resultProperty().get()));
        List<String> f = d == null ? List.of() : List.copyOf(d.byFamily().keySet());
        if (!f.equals(families)) {
            families.setAll(f);
        }
    }

    public ObservableList<ModelRow> rows() { return rowsView; }
    public ObservableList<String> families() { return familiesView; }
}
