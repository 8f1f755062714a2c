package dev.cape.app.steering;

import java.io.File;
import java.util.Locale;
import java.util.Optional;
import javafx.beans.property.ObjectProperty;
import javafx.beans.value.ObservableStringValue;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Region;
import javafx.stage.FileChooser;
import javafx.stage.Window;

/** The few controls the steering views build the same way: bound spinners, labelled rows, red error labels. */
final class Controls {

    private Controls() {
    }

    static Spinner<Integer> integers(ObjectProperty<Integer> value, int min, int max, int step, String id) {
        Spinner<Integer> s = new Spinner<>(min, max, value.get(), step);
        s.getValueFactory().valueProperty().bindBidirectional(value);
        return editable(s, id, 90);
    }

    static Spinner<Double> decimals(ObjectProperty<Double> value, double min, double max, double step, String id) {
        Spinner<Double> s = new Spinner<>(min, max, value.get(), step);
        s.getValueFactory().valueProperty().bindBidirectional(value);
        return editable(s, id, 90);
    }

    private static <T> Spinner<T> editable(Spinner<T> s, String id, double width) {
        s.setEditable(true);
        s.setPrefWidth(width);
        s.setId(id);
        // commit typed text when the field loses focus, not only on Enter; text that is no number is undone
        s.focusedProperty().addListener((o, was, now) -> {
            if (!now) {
                try {
                    s.commitValue();
                } catch (RuntimeException e) {
                    s.cancelEdit();
                }
            }
        });
        return s;
    }

    /** A row of "label, control" pairs and plain nodes; strings become labels that keep their full text. */
    static HBox row(Object... parts) {
        HBox row = new HBox(6);
        row.setAlignment(Pos.CENTER_LEFT);
        for (Object p : parts) {
            row.getChildren().add(p instanceof Node n ? n : label(p.toString()));
        }
        return row;
    }

    /** Like {@link #row}, but wrapping onto more lines when narrow; a label stays with the control after it. */
    static FlowPane flow(Object... parts) {
        FlowPane flow = new FlowPane(12, 4);
        flow.setAlignment(Pos.CENTER_LEFT);
        for (int i = 0; i < parts.length; i++) {
            if (parts[i] instanceof Node n) {
                flow.getChildren().add(n);
            } else if (i + 1 < parts.length && parts[i + 1] instanceof Node next) {
                HBox pair = new HBox(4, label(parts[i].toString()), next);
                pair.setAlignment(Pos.CENTER_LEFT);
                flow.getChildren().add(pair);
                i++;
            } else {
                flow.getChildren().add(label(parts[i].toString()));
            }
        }
        return flow;
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.setMinWidth(Region.USE_PREF_SIZE);
        return l;
    }

    static Label error(ObservableStringValue message, String id) {
        Label l = new Label();
        l.setId(id);
        l.textProperty().bind(message);
        l.setStyle("-fx-text-fill: #c62828;");
        l.setWrapText(true);
        return l;
    }

    static Optional<File> open(Window owner, String what, String... extensions) {
        FileChooser fc = new FileChooser();
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(what, extensions));
        return Optional.ofNullable(fc.showOpenDialog(owner));
    }

    static Optional<File> save(Window owner, String name, String ext) {
        FileChooser fc = new FileChooser();
        fc.setInitialFileName(name + "." + ext);
        fc.getExtensionFilters().add(new FileChooser.ExtensionFilter(ext.toUpperCase(Locale.ROOT), "*." + ext));
        return Optional.ofNullable(fc.showSaveDialog(owner));
    }
}
