package dev.cape.analysis.data;

import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * One base model with its size, optional width and benchmark scores as fractions in [0, 1].
 *
 * <p>Scores are keyed by canonical lower-case benchmark ids ({@code arc_c}, {@code gsm8k}, {@code mmlu},
 * {@code truthfulqa_mc2}, ... see {@link Benchmarks}); a missing score is simply absent from the map.
 *
 * @param model      model name (e.g. the Hugging Face repo id)
 * @param family     family name (models trained with one recipe at several sizes)
 * @param paramsB    parameter count in billions, &gt; 0
 * @param hiddenSize hidden width d_model, when known
 * @param scores     benchmark id → score in [0, 1]
 * @param notes      free-text caveats carried from the source (empty when none)
 * @param origin     where the row came from, e.g. {@code "base_models.csv:12"}
 */
public record ModelRecord(String model, String family, double paramsB, OptionalInt hiddenSize,
                          Map<String, Double> scores, String notes, String origin) {

    public ModelRecord {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(hiddenSize, "hiddenSize");
        if (!(paramsB > 0) || Double.isInfinite(paramsB)) {
            throw new IllegalArgumentException("paramsB must be a finite number > 0: " + paramsB + " (" + model + ")");
        }
        scores = java.util.Collections.unmodifiableMap(new TreeMap<>(scores));
        notes = notes == null ? "" : notes;
        origin = origin == null ? "" : origin;
    }

    /** log10 of the parameter count in billions, the scale axis x of the method. */
    public double log10Params() {
        return Math.log10(paramsB);
    }

    public OptionalDouble score(String benchmark) {
        Double s = scores.get(benchmark);
        return s == null ? OptionalDouble.empty() : OptionalDouble.of(s);
    }
}
