package dev.cape.app.charts;

import dev.cape.app.workflow.charts.ChartKind;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;

/**
 * The central area: a tab per chart, then the tabs given (the family diagnosis), and the tabs of the head inspector and
 * steering console, which come with a later release and are shown disabled, saying so.
 */
public final class ChartsPane extends TabPane {

    public ChartsPane(ChartsViewModel vm, Tab... more) {
        setId("charts");
        for (ChartKind k : ChartKind.values()) {
            getTabs().add(new ChartTab(k, vm));
        }
        getTabs().addAll(more);
        getTabs().add(later("Steering"));
    }

    private static Tab later(String name) {
        Tab t = new Tab(name + " (later release)");
        t.setClosable(false);
        t.setDisable(true);
        t.setTooltip(new Tooltip(name + " comes with a later release of CAPE Workbench"));
        return t;
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
