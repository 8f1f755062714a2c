package dev.cape.app.common;

import java.util.Locale;
import java.util.function.Function;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;

/** Table columns of read-only rows: text, and numbers formatted with a pattern ("-" for NaN), sortable by value. */
public final class Columns {

    private Columns() {
    }

    public static <R> TableColumn<R, String> text(String name, Function<R, String> get, double width) {
        TableColumn<R, String> c = new TableColumn<>(name);
        c.setPrefWidth(width);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(get.apply(d.getValue())));
        return c;
    }

    /** A right-aligned number column; {@code fmt} is a {@link String#format} pattern such as {@code "%.3f"}. */
    public static <R> TableColumn<R, Double> number(String name, Function<R, Double> get, String fmt, double width) {
        TableColumn<R, Double> c = new TableColumn<>(name);
        c.setCellValueFactory(d -> new ReadOnlyObjectWrapper<>(get.apply(d.getValue())));
        c.setCellFactory(col -> new TableCell<>() {
            @Override
            protected void updateItem(Double v, boolean empty) {
                super.updateItem(v, empty);
                setText(empty || v == null ? null : v.isNaN() ? "-" : String.format(Locale.ROOT, fmt, v));
            }
        });
        c.setStyle("-fx-alignment: CENTER-RIGHT;");
        c.setPrefWidth(width);
        return c;
    }
}
