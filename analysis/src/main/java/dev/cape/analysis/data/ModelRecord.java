package dev.cape.analysis.data;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
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
 * @param attributes other columns of the row kept as given, by column id ({@code source}, {@code quirks},
 *                   {@code tokens_t}, {@code n_layers}, ...; see {@link ColumnAliases}); empty cells are absent
 */
public record ModelRecord(String model, String family, double paramsB, OptionalInt hiddenSize,
                          Map<String, Double> scores, String notes, String origin, Map<String, String> attributes) {

    public ModelRecord {
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(family, "family");
        Objects.requireNonNull(hiddenSize, "hiddenSize");
        if (!(paramsB > 0) || Double.isInfinite(paramsB)) {
            throw new IllegalArgumentException("paramsB must be a finite number > 0: " + paramsB + " (" + model + ")");
        }
        scores = Collections.unmodifiableMap(new TreeMap<>(scores));
        notes = notes == null ? "" : notes;
        origin = origin == null ? "" : origin;
        attributes = attributes == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(attributes));
    }

    /** A model without attributes. */
    public ModelRecord(String model, String family, double paramsB, OptionalInt hiddenSize,
                       Map<String, Double> scores, String notes, String origin) {
        this(model, family, paramsB, hiddenSize, scores, notes, origin, Map.of());
    }

    /** log10 of the parameter count in billions, the scale axis x of the method. */
    public double log10Params() {
        return Math.log10(paramsB);
    }

    public OptionalDouble score(String benchmark) {
        Double s = scores.get(benchmark);
        return s == null ? OptionalDouble.empty() : OptionalDouble.of(s);
    }

    /**
     * The data-quality flags of the {@code quirks} attribute (semicolon-separated in the project's CSV format,
     * see {@code docs/data-format.md}); empty when the row has none.
     */
    public List<String> quirks() {
        String q = attributes.get("quirks");
        if (q == null) {
            return List.of();
        }
        return Arrays.stream(q.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
