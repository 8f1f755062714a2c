package dev.cape.app.steering;

import dev.cape.app.model.ModelViewModel;
import dev.cape.inference.direction.DirectionFile;
import dev.cape.inference.generate.GenerationOptions;
import dev.cape.inference.steer.SteeredGeneration;
import dev.cape.inference.steer.SteeringSession;
import dev.cape.inference.steer.SteeringVector;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

/**
 * Steered against unsteered generation of one prompt, as {@code cape steer --prompt} does: both continuations with
 * the same options and seed, the second with α·σ·v̂ of the active direction added at one layer. The layer follows
 * the direction's chosen layer whenever another direction becomes active; the sweep steers the same layer and site.
 */
public final class SteeringViewModel {

    private final ModelViewModel model;
    private final ReadOnlyObjectProperty<DirectionFile.Stored> direction;
    private final StringProperty prompt = new SimpleStringProperty("Once upon a time");
    private final ObjectProperty<Double> alpha = new SimpleObjectProperty<>(4.0);
    private final ObjectProperty<Integer> layer = new SimpleObjectProperty<>(0);
    private final ObjectProperty<SteeringSession.Site> site =
            new SimpleObjectProperty<>(SteeringSession.Site.RESID_POST);
    private final BooleanProperty newTokensOnly = new SimpleBooleanProperty(false);
    private final ObjectProperty<Integer> maxTokens = new SimpleObjectProperty<>(48);
    private final ObjectProperty<Double> temperature = new SimpleObjectProperty<>(0.0);
    private final ObjectProperty<Integer> seed = new SimpleObjectProperty<>(0);
    private final ReadOnlyStringWrapper unsteered = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper steered = new ReadOnlyStringWrapper("");
    private final ReadOnlyStringWrapper error = new ReadOnlyStringWrapper("");

    private record Texts(String unsteered, String steered) {
    }

    public SteeringViewModel(ModelViewModel model, ReadOnlyObjectProperty<DirectionFile.Stored> direction) {
        this.model = model;
        this.direction = direction;
        direction.addListener((o, a, s) -> {
            if (s != null) {
                layer.set(s.layer());
            }
        });
    }

    /** The vector to steer with at the chosen layer; null with {@link #errorProperty()} set when there is none. */
    SteeringVector vector() {
        DirectionFile.Stored s = direction.get();
        if (s == null) {
            error.set("no truth direction yet: extract one or open a vector file first");
            return null;
        }
        try {
            return s.at(layer.get());
        } catch (IllegalArgumentException e) {
            error.set(e.getMessage());
            return null;
        }
    }

    /** The active direction, or null. */
    DirectionFile.Stored direction() {
        return direction.get();
    }

    /** Generates the unsteered and the steered continuation of the prompt. */
    public void generate() {
        SteeringVector v = vector();
        if (v == null) {
            return;
        }
        String text = prompt.get();
        double a = alpha.get();
        SteeringSession.Site at = site.get();
        boolean onlyNew = newTokensOnly.get();
        GenerationOptions options = GenerationOptions.withDefaults().withMaxTokens(maxTokens.get())
                .withTemperature(temperature.get()).withSeed(seed.get());
        error.set("");
        model.run("Steered generation", (lm, progress) -> {
            var tok = lm.tokenizer().orElseThrow(() -> new IllegalArgumentException("the model has no tokenizer"));
            int max = options.maxTokens();
            int[] ids = tok.encode(text, tok.bosByDefault());
            SteeredGeneration.Comparison c = SteeredGeneration.compare(lm, ids, options,
                    SteeringSession.on(lm).at(at).add(v, a), onlyNew,
                    (step, id) -> progress.progress("unsteered, token", step + 1, max),
                    (step, id) -> progress.progress("steered, token", step + 1, max));
            return new Texts(text + tok.decodeContinuation(ids, c.unsteered().tokens()),
                    text + tok.decodeContinuation(ids, c.steered().tokens()));
        }, t -> {
            unsteered.set(t.unsteered());
            steered.set(t.steered());
        }, e -> error.set(e.getMessage() == null ? e.toString() : e.getMessage()));
    }

    public StringProperty promptProperty() { return prompt; }
    public ObjectProperty<Double> alphaProperty() { return alpha; }
    public ObjectProperty<Integer> layerProperty() { return layer; }
    public ObjectProperty<SteeringSession.Site> siteProperty() { return site; }
    public BooleanProperty newTokensOnlyProperty() { return newTokensOnly; }
    public ObjectProperty<Integer> maxTokensProperty() { return maxTokens; }
    public ObjectProperty<Double> temperatureProperty() { return temperature; }
    public ObjectProperty<Integer> seedProperty() { return seed; }
    public ReadOnlyStringProperty unsteeredProperty() { return unsteered.getReadOnlyProperty(); }
    public ReadOnlyStringProperty steeredProperty() { return steered.getReadOnlyProperty(); }
    public ReadOnlyStringProperty errorProperty() { return error.getReadOnlyProperty(); }
}
