package dev.cape.app.family;

import dev.cape.analysis.diagnosis.UserFamilyDiagnosis;
import dev.cape.analysis.diagnosis.UserFamilyDiagnosis.ModelRow;
import dev.cape.analysis.diagnosis.UserFamilyDiagnosis.Placement;
import dev.cape.analysis.diagnosis.UserFamilyDiagnosis.RotationRow;
import dev.cape.analysis.phase.Phase;
import dev.cape.app.common.Columns;
import dev.cape.app.common.TableMenu;
import dev.cape.app.workflow.charts.ChartStyle;
import java.util.List;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/** The tables of the family tab: models, weak-diagnosis placements, and benchmark rotation (a column per model). */
final class FamilyTables {

    private FamilyTables() {
    }

    static TableView<ModelRow> models() {
        TableView<ModelRow> t = new TableView<>();
        t.setId("family-models");
        TableMenu.attach(t, "family-models");
        t.getColumns().add(Columns.text("model", ModelRow::model, 200));
        t.getColumns().add(Columns.number("N (B)", ModelRow::paramsB, "%.3g", 64));
        t.getColumns().add(Columns.number("R", ModelRow::reasoning, "%.3f", 58));
        t.getColumns().add(Columns.number("T", ModelRow::truth, "%.3f", 58));
        t.getColumns().add(Columns.number("coupling", ModelRow::coupling, "%+.3f", 70));
        t.getColumns().add(phase("phase", ModelRow::phase));
        t.getColumns().add(Columns.number("log2 d", ModelRow::log2Width, "%.2f", 58));
        t.getColumns().add(Columns.number("ref log2 d", ModelRow::referenceLog2Width, "%.2f", 74));
        t.getColumns().add(Columns.number("Δ log2 d", ModelRow::widthDelta, "%+.2f", 70));
        return t;
    }

    static TableView<Placement> placements() {
        TableView<Placement> t = new TableView<>();
        t.setId("family-placements");
        TableMenu.attach(t, "family-placements");
        t.getColumns().add(Columns.text("model", Placement::model, 200));
        t.getColumns().add(Columns.number("N (B)", Placement::paramsB, "%.3g", 64));
        t.getColumns().add(Columns.number("references", p -> (double) p.families().size(), "%.0f", 80));
        t.getColumns().add(Columns.number("mean coupling", Placement::meanCoupling, "%+.3f", 100));
        for (Phase ph : List.of(Phase.TAX, Phase.TRANSITION, Phase.COOPERATIVE)) {
            t.getColumns().add(Columns.number(ph.id(), p -> (double) p.phaseCounts().getOrDefault(ph, 0), "%.0f", 80));
        }
        t.getColumns().add(Columns.number("R pctl", Placement::reasoningPercentile, "%.0f", 60));
        t.getColumns().add(Columns.number("T pctl", Placement::truthPercentile, "%.0f", 60));
        return t;
    }

    /** One row per benchmark choice, one phase column per model, and the N_c it gives. */
    static TableView<RotationRow> rotation(UserFamilyDiagnosis.Result r) {
        TableView<RotationRow> t = new TableView<>();
        t.setId("family-rotation");
        TableMenu.attach(t, "benchmark-rotation");
        t.getColumns().add(Columns.text("reasoning", row -> String.join("+", row.reasoning()), 140));
        t.getColumns().add(Columns.text("truth", RotationRow::truth, 110));
        for (ModelRow m : r.models()) {
            String name = m.model().substring(m.model().lastIndexOf('/') + 1);
            t.getColumns().add(phase(name, row -> row.phases().getOrDefault(m.model(), Phase.UNDEFINED)));
        }
        t.getColumns().add(Columns.text("N_c", row -> row.note().isEmpty() ? row.nc() : row.note(), 260));
        t.getItems().setAll(r.rotation().rows());
        t.setPrefHeight(heightFor(r.rotation().rows().size()));
        return t;
    }

    /** Room for the header, {@code rows} rows (at least 3) and a horizontal scroll bar. */
    static double heightFor(int rows) {
        return 56 + 25.0 * Math.max(3, rows);
    }

    /** A phase column, the text in the phase's chart colour. */
    private static <R> TableColumn<R, Phase> phase(String name, java.util.function.Function<R, Phase> get) {
        TableColumn<R, Phase> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new javafx.beans.property.ReadOnlyObjectWrapper<>(get.apply(d.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Phase p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.id());
                java.awt.Color awt = p == null ? null : ChartStyle.phaseColour(p);
                setStyle(awt == null || empty ? "" : String.format("-fx-text-fill: #%06x;", awt.getRGB() & 0xffffff));
            }
        });
        c.setPrefWidth(90);
        return c;
    }
}
