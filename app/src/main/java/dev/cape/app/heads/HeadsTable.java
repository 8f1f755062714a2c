package dev.cape.app.heads;

import dev.cape.app.common.Columns;
import dev.cape.app.common.TableMenu;
import dev.cape.inference.heads.HeadResult;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.ObservableList;
import javafx.collections.transformation.SortedList;
import javafx.scene.control.TableCell;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;

/**
 * Every head of the census, one row each, sortable by any column; numbers to three decimals, "-" when not measured.
 * Selecting a row passes its layer and head on.
 */
final class HeadsTable extends TableView<HeadResult> {

    HeadsTable(ObservableList<HeadResult> rows, BiConsumer<Integer, Integer> select) {
        setId("heads-table");
        getSelectionModel().selectedItemProperty().addListener((o, a, h) -> {
            if (h != null) {
                select.accept(h.layer(), h.head());
            }
        });
        SortedList<HeadResult> sorted = new SortedList<>(rows);
        sorted.comparatorProperty().bind(comparatorProperty());
        setItems(sorted);
        setPlaceholder(new javafx.scene.control.Label("No census yet"));
        TableMenu.attach(this, "head-census");
        getColumns().add(column("layer", HeadResult::layer));
        getColumns().add(column("head", HeadResult::head));
        getColumns().add(number("truth σ", HeadResult::truthEffect));
        getColumns().add(number("truth z", HeadResult::truthZ));
        getColumns().add(number("p (neg, FWER)", HeadResult::truthP));
        getColumns().add(number("p (random)", HeadResult::truthRandomP));
        getColumns().add(number("reasoning σ", HeadResult::reasoningEffect));
        getColumns().add(number("reasoning z", HeadResult::reasoningZ));
        getColumns().add(number("p (pos, FWER)", HeadResult::reasoningP));
        TableColumn<HeadResult, Boolean> competing = column("competing", HeadResult::competing);
        competing.setCellFactory(c -> cell(b -> b ? "yes" : ""));
        getColumns().add(competing);
        getColumns().add(number("ablation", HeadResult::ablationEffect));
    }

    private static <T> TableColumn<HeadResult, T> column(String title, Function<HeadResult, T> value) {
        TableColumn<HeadResult, T> c = new TableColumn<>(title);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        return c;
    }

    private static TableColumn<HeadResult, Double> number(String title, ToDoubleFunction<HeadResult> value) {
        return Columns.number(title, h -> value.applyAsDouble(h), "%.3f", 96);
    }

    private static <T> TableCell<HeadResult, T> cell(Function<T, String> text) {
        return new TableCell<>() {
            @Override
            protected void updateItem(T item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : text.apply(item));
            }
        };
    }
}
