package dev.cape.app.data;

import dev.cape.app.common.Columns;
import dev.cape.app.common.TableMenu;
import java.util.function.Function;
import javafx.application.Platform;
import javafx.collections.ListChangeListener;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TitledPane;
import javafx.scene.control.cell.CheckBoxListCell;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.controlsfx.control.table.TableFilter;

/**
 * The left pane: the model table with column filters, the import notes under it, the family checklist and the list
 * of import problems.
 */
public final class DataPane extends VBox {

    public DataPane(DataViewModel vm, ImportsViewModel imports) {
        super(6);
        setId("data-pane");
        TableView<ModelRow> table = new TableView<>(vm.rows());
        TableMenu.attach(table, "models");
        table.setId("model-table");
        table.getColumns().add(text("family", ModelRow::family, 80));
        table.getColumns().add(text("model", ModelRow::model, 150));
        table.getColumns().add(number("N (B)", ModelRow::paramsB, "%.3g"));
        table.getColumns().add(number("width", ModelRow::width, "%.0f"));
        table.getColumns().add(number("R", ModelRow::r, "%.3f"));
        table.getColumns().add(number("T", ModelRow::t, "%.3f"));
        table.getColumns().add(number("coupling", ModelRow::coupling, "%.2f"));
        table.getColumns().add(text("phase", ModelRow::phase, 90));
        table.getColumns().add(text("N_c (B)", ModelRow::nc, 70));
        table.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        table.getSelectionModel().getSelectedItems().addListener((ListChangeListener<ModelRow>) c ->
                vm.select(table.getSelectionModel().getSelectedItems()));
        TableFilter.forTableView(table).lazy(true).apply();
        VBox.setVgrow(table, Priority.ALWAYS);

        ListView<String> families = new ListView<>(vm.families());
        families.setId("family-list");
        families.setPrefHeight(170);
        families.setCellFactory(CheckBoxListCell.forListView(vm::includedProperty));

        ListView<ImportProblem> problems = new ListView<>(imports.problems());
        problems.setId("import-problems");
        problems.setPrefHeight(110);
        problems.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(ImportProblem p, boolean empty) {
                super.updateItem(p, empty);
                setText(empty || p == null ? null : p.message());
                setWrapText(true);
                setStyle(empty ? "" : "-fx-text-fill: #c62828;");
            }
        });
        Button clear = new Button("Clear");
        clear.setOnAction(e -> imports.clearProblems());
        VBox problemBox = new VBox(4, new HBox(8, new Label("Import problems"), clear), problems);
        problemBox.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(imports.problems()));
        problemBox.managedProperty().bind(problemBox.visibleProperty());

        ListView<ImportNote> notes = new ListView<>(imports.notes());
        notes.setId("import-notes");
        notes.setPrefHeight(80);
        notes.setCellFactory(v -> new javafx.scene.control.ListCell<>() {
            @Override
            protected void updateItem(ImportNote n, boolean empty) {
                super.updateItem(n, empty);
                setText(empty || n == null ? null : n.text());
                setTooltip(empty || n == null ? null : new javafx.scene.control.Tooltip(n.text()));
            }
        });
        notes.setMinHeight(60);
        // after the list has laid out the new items: show the newest note
        imports.notes().addListener((ListChangeListener<ImportNote>) c ->
                Platform.runLater(() -> notes.scrollTo(imports.notes().size() - 1)));
        Button clearNotes = new Button("Clear");
        clearNotes.setOnAction(e -> imports.clearNotes());
        TitledPane notePane = new TitledPane(null, new VBox(4, notes, clearNotes));
        notePane.setId("import-notes-pane");
        notePane.textProperty().bind(javafx.beans.binding.Bindings.size(imports.notes())
                .asString("Import notes (%d): what the import changed or assumed"));
        notePane.visibleProperty().bind(javafx.beans.binding.Bindings.isNotEmpty(imports.notes()));
        notePane.managedProperty().bind(notePane.visibleProperty());

        Label hint = new Label("Drop CSV files here, or File ▸ Open. Select rows to mark them in every chart.");
        hint.setWrapText(true);
        hint.setMinHeight(javafx.scene.layout.Region.USE_PREF_SIZE);   // wrapped, not cut, when the pane is full
        Button all = new Button("All");
        all.setOnAction(e -> vm.includeAll());
        Button onlySelected = new Button("Only the selected rows' families");
        onlySelected.setId("only-selected-families");
        onlySelected.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(
                table.getSelectionModel().getSelectedItems()));
        onlySelected.setOnAction(e -> vm.includeOnlySelected());
        javafx.scene.control.MenuItem onlyThis = new javafx.scene.control.MenuItem("Only this family");
        onlyThis.setOnAction(e -> vm.includeOnly(java.util.List.of(families.getSelectionModel().getSelectedItem())));
        onlyThis.disableProperty().bind(families.getSelectionModel().selectedItemProperty().isNull());
        javafx.scene.control.MenuItem checkAll = new javafx.scene.control.MenuItem("Check all");
        checkAll.setOnAction(e -> vm.includeAll());
        families.setContextMenu(new javafx.scene.control.ContextMenu(onlyThis, checkAll));
        TitledPane familyPane = new TitledPane("Families (unchecked ones are left out)",
                new VBox(4, families, new HBox(6, all, onlySelected)));
        getChildren().addAll(hint, problemBox, table, notePane, familyPane);
    }

    private static TableColumn<ModelRow, String> text(String name, Function<ModelRow, String> get, double width) {
        return Columns.text(name, get, width);
    }

    private static TableColumn<ModelRow, Double> number(String name, Function<ModelRow, Double> get, String fmt) {
        return Columns.number(name, get, fmt, 58);
    }
}
