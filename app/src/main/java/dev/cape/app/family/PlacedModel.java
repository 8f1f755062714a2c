package dev.cape.app.family;

import dev.cape.analysis.data.ModelRecord;
import dev.cape.analysis.diagnosis.DiagnosisOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/** A model typed into the family tab to be placed among the families: checked, as a one-model family of its own. */
final class PlacedModel {

    /** The family a placed model gets, so it never joins a family of the data. */
    static final String FAMILY_PREFIX = "(placed) ";

    private PlacedModel() {
    }

    /** The benchmarks the settings combine: the reasoning ones, then the truthfulness one. */
    static List<String> benchmarks(DiagnosisOptions options) {
        List<String> b = new ArrayList<>(options.reasoning());
        b.add(options.truth());
        return b;
    }

    /**
     * The model from the fields of the form, as typed.
     *
     * @throws IllegalArgumentException naming the field: no name, N not a number > 0, hidden size not a whole number
     *                                  > 0 (it may be left empty), or a benchmark of the settings without a score in
     *                                  [0, 1]
     */
    static ModelRecord of(String name, String paramsB, String hiddenSize, Map<String, String> scores,
            DiagnosisOptions options) {
        String n = name == null ? "" : name.strip();
        if (n.isEmpty()) {
            throw new IllegalArgumentException("give the model a name");
        }
        double params = number("parameters (billions)", paramsB);
        if (!(params > 0) || Double.isInfinite(params)) {
            throw new IllegalArgumentException("parameters (billions) must be > 0: " + paramsB.strip());
        }
        OptionalInt width = OptionalInt.empty();
        if (hiddenSize != null && !hiddenSize.isBlank()) {
            try {
                width = OptionalInt.of(Integer.parseInt(hiddenSize.strip()));
            } catch (NumberFormatException e) {
                width = OptionalInt.of(0);
            }
            if (width.getAsInt() <= 0) {
                throw new IllegalArgumentException("hidden size must be a whole number > 0 (or empty): "
                        + hiddenSize.strip());
            }
        }
        Map<String, Double> kept = new TreeMap<>();
        for (String b : benchmarks(options)) {
            double v = number(b, scores.get(b));
            if (!(v >= 0 && v <= 1)) {
                throw new IllegalArgumentException(b + " must be a score in [0, 1]: " + scores.get(b).strip());
            }
            kept.put(b, v);
        }
        return new ModelRecord(n, FAMILY_PREFIX + n, params, width, kept, "placed in the workbench", "", Map.of());
    }

    private static double number(String field, String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(field + " is empty");
        }
        try {
            return Double.parseDouble(text.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(field + " is not a number: " + text.strip(), e);
        }
    }
}
