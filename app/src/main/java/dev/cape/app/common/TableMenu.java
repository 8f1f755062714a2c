package dev.cape.app.common;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import javafx.scene.control.Alert;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.input.ClipboardContent;
import javafx.stage.FileChooser;

/**
 * The context menu of every results table: copy it (tab-separated, for a spreadsheet) or save it as CSV, the rows in
 * the order shown, each cell the column's value (numbers unrounded).
 */
public final class TableMenu {

    private TableMenu() {
    }

    /** Gives {@code table} the copy and save menu; {@code name} is the default file name. */
    public static <R> void attach(TableView<R> table, String name) {
        MenuItem copy = new MenuItem("Copy table");
        copy.setOnAction(e -> {
            ClipboardContent c = new ClipboardContent();
            c.putString(text(table, TableText.Format.TSV));
            javafx.scene.input.Clipboard.getSystemClipboard().setContent(c);
        });
        MenuItem save = new MenuItem("Save table as CSV…");
        save.setOnAction(e -> {
            FileChooser fc = new FileChooser();
            fc.setInitialFileName(name + ".csv");
            fc.getExtensionFilters().add(new FileChooser.ExtensionFilter("CSV", "*.csv"));
            File f = fc.showSaveDialog(table.getScene().getWindow());
            if (f != null) {
                try {
                    Files.writeString(f.toPath(), text(table, TableText.Format.CSV), StandardCharsets.UTF_8);
                } catch (IOException ex) {
                    new Alert(Alert.AlertType.ERROR, "cannot write " + f + ": " + ex.getMessage()).show();
                }
            }
        });
        table.setContextMenu(new ContextMenu(copy, save));
    }

    /** The table's visible columns and rows as text. */
    public static <R> String text(TableView<R> table, TableText.Format format) {
        List<TableColumn<R, ?>> columns = new ArrayList<>();
        for (TableColumn<R, ?> c : table.getVisibleLeafColumns()) {
            columns.add(c);
        }
        List<String> headers = columns.stream().map(TableColumn::getText).toList();
        List<List<Object>> rows = new ArrayList<>();
        for (int i = 0; i < table.getItems().size(); i++) {
            List<Object> row = new ArrayList<>();
            for (TableColumn<R, ?> c : columns) {
                row.add(c.getCellData(i));
            }
            rows.add(row);
        }
        return TableText.of(headers, rows, format);
    }
}
