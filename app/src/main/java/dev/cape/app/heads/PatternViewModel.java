package dev.cape.app.heads;

import dev.cape.app.charts.FigureViewModel;
import dev.cape.app.common.TaskRunner;
import dev.cape.app.model.ModelViewModel;
import dev.cape.app.workflow.AttentionPattern;
import dev.cape.app.workflow.charts.AttentionPatternChart;
import dev.cape.app.workflow.charts.ChartStyle;
import dev.cape.inference.eval.ModelFiles;
import java.nio.file.Path;
import java.util.Set;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * The attention pattern of one head on a prompt: the prompt, layer and head, the last pattern captured and its heat
 * map. {@link #show()} captures it as one job on the shared model; {@link #select(int, int)} (the census table's
 * selection) moves to another head and captures again once a pattern is shown. A failed capture keeps the last one.
 */
public final class PatternViewModel {

    private final ModelViewModel model;
    private final FigureViewModel figure;
    private final StringProperty prompt = new SimpleStringProperty("The Eiffel Tower is in Paris");
    private final IntegerProperty layer = new SimpleIntegerProperty(0);
    private final IntegerProperty head = new SimpleIntegerProperty(0);
    private final BooleanProperty dark = new SimpleBooleanProperty(false);
    private final ReadOnlyObjectWrapper<AttentionPattern> pattern = new ReadOnlyObjectWrapper<>();
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    public PatternViewModel(ModelViewModel model, TaskRunner runner) {
        this.model = model;
        this.figure = new FigureViewModel(runner);
        pattern.addListener((o, a, b) -> redraw());
        dark.addListener((o, a, b) -> redraw());
    }

    /** Captures the pattern of the current layer and head on the prompt; refused while the model is busy. */
    public void show() {
        String text = prompt.get() == null ? "" : prompt.get().strip();
        if (text.isEmpty()) {
            error.set("type a prompt first");
            return;
        }
        int l = layer.get();
        int h = head.get();
        String path = model.pathProperty().get() == null ? "" : model.pathProperty().get().strip();
        String id = path.isEmpty() ? "" : ModelFiles.id(Path.of(path));
        error.set("");
        model.run("Attention pattern L" + l + "H" + h, (lm, progress) -> AttentionPattern.capture(lm, id, text, l, h),
                pattern::set, e -> error.set(ModelViewModel.message(e)));
    }

    /** Selects a head (the census table does); captures its pattern at once when a pattern is already shown. */
    public void select(int newLayer, int newHead) {
        boolean changed = newLayer != layer.get() || newHead != head.get();
        layer.set(newLayer);
        head.set(newHead);
        if (changed && pattern.get() != null) {
            show();
        }
    }

    private void redraw() {
        AttentionPattern p = pattern.get();
        figure.chartProperty().set(p == null ? null : AttentionPatternChart.build(p, new ChartStyle(dark.get(),
                Set.of())));
    }

    public FigureViewModel figure() { return figure; }
    public StringProperty promptProperty() { return prompt; }
    public IntegerProperty layerProperty() { return layer; }
    public IntegerProperty headProperty() { return head; }
    public BooleanProperty darkProperty() { return dark; }
    public ReadOnlyObjectProperty<AttentionPattern> patternProperty() { return pattern.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
}
