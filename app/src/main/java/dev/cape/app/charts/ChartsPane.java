package dev.cape.app.charts;

import dev.cape.app.workflow.charts.ChartKind;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;

/**
 * The central area: a tab per chart, then the tabs given (family diagnosis, head inspector, steering console).
 */
public final class ChartsPane extends TabPane {

    public ChartsPane(ChartsViewModel vm, Tab... more) {
        setId("charts");
        for (ChartKind k : ChartKind.values()) {
            getTabs().add(new ChartTab(k, vm));
        }
        getTabs().addAll(more);
    }

    /** Shows the tab of a chart. */
    public void show(ChartKind kind) {
        getSelectionModel().select(kind.ordinal());
    }

    /** Shows the tab with this id (e.g. {@code tab-family}); does nothing when there is none. */
    public void showTab(String id) {
        getTabs().stream().filter(t -> id.equals(t.getId())).findFirst().ifPresent(getSelectionModel()::select);
    }
}
