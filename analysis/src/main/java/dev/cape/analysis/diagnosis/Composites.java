package dev.cape.analysis.diagnosis;

import dev.cape.analysis.coupling.FamilyScores;
import dev.cape.analysis.data.Dataset;
import dev.cape.analysis.data.ModelRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reasoning and truthfulness composites of a data set (spec §1): R = arithmetic mean of the selected reasoning
 * benchmarks, T = the selected truthfulness benchmark; models lacking any of them are excluded with the reason.
 */
public final class Composites {

    private Composites() {
    }

    /** A model left out of the analysis, and why. */
    public record Excluded(String model, String family, String reason) {
    }

    /** Families with their composite scores (families in order of first appearance), and the excluded models. */
    public record Split(List<FamilyScores> families, List<Excluded> excluded) {
    }

    public static Split of(Dataset data, List<String> reasoning, String truth) {
        if (reasoning.isEmpty()) {
            throw new IllegalArgumentException("reasoning benchmarks must not be empty");
        }
        for (String b : reasoning) {
            requireKnown(data, b, "reasoning benchmark");
        }
        requireKnown(data, truth, "truthfulness benchmark");
        Map<String, List<ModelRecord>> kept = new LinkedHashMap<>();
        List<Excluded> excluded = new ArrayList<>();
        for (ModelRecord m : data.models()) {
            List<String> missing = new ArrayList<>();
            for (String b : reasoning) {
                if (m.score(b).isEmpty()) {
                    missing.add(b);
                }
            }
            if (m.score(truth).isEmpty()) {
                missing.add(truth);
            }
            if (missing.isEmpty()) {
                kept.computeIfAbsent(m.family(), f -> new ArrayList<>()).add(m);
            } else {
                excluded.add(new Excluded(m.model(), m.family(), "missing " + String.join(", ", missing)));
            }
        }
        List<FamilyScores> families = new ArrayList<>();
        for (Map.Entry<String, List<ModelRecord>> e : kept.entrySet()) {
            // size order, so tables and curves read from small to large; ties keep file order
            List<ModelRecord> ms = new ArrayList<>(e.getValue());
            ms.sort(java.util.Comparator.comparingDouble(ModelRecord::paramsB));
            int n = ms.size();
            List<String> names = new ArrayList<>();
            double[] p = new double[n];
            double[] r = new double[n];
            double[] t = new double[n];
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                ModelRecord m = ms.get(i);
                names.add(m.model());
                p[i] = m.paramsB();
                double sum = 0;
                for (String b : reasoning) {
                    sum += m.score(b).getAsDouble();
                }
                r[i] = sum / reasoning.size();
                t[i] = m.score(truth).getAsDouble();
                w[i] = m.hiddenSize().isPresent() ? m.hiddenSize().getAsInt() : Double.NaN;
            }
            families.add(new FamilyScores(e.getKey(), names, p, r, t, w));
        }
        return new Split(families, excluded);
    }

    private static void requireKnown(Dataset data, String benchmark, String what) {
        if (!data.benchmarks().contains(benchmark)) {
            throw new IllegalArgumentException(what + " '" + benchmark + "' is not in " + data.source()
                    + "; available: " + String.join(", ", data.benchmarks()));
        }
    }
}
