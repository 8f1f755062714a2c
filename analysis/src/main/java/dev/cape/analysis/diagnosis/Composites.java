package dev.cape.analysis.diagnosis;

import dev.cape.analysis.coupling.FamilyScores;
import dev.cape.analysis.data.Dataset;
import dev.cape.analysis.data.ModelRecord;
import dev.cape.analysis.ode.CompositeScores;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reasoning and truthfulness composites of a data set grouped by family (spec §1): the scores themselves come from
 * {@link CompositeScores} (R = arithmetic mean of the selected reasoning benchmarks, T = the selected truthfulness
 * benchmark; models lacking any of them are excluded with the reason); this class checks that the benchmarks exist
 * in the data set and groups the scored models into {@link FamilyScores}, each family in size order.
 */
public final class Composites {

    private Composites() {
    }

    /** A model left out of the analysis, and why. */
    public record Excluded(String model, String family, String reason) {
    }

    /**
     * Families with their composite scores (families in order of first appearance), and the excluded models.
     *
     * @param families the families with at least one scored model
     * @param excluded models lacking a selected benchmark
     * @param source   where the data came from (for messages)
     * @param all      every family name of the data set, scored or not, in order of first appearance
     */
    public record Split(List<FamilyScores> families, List<Excluded> excluded, String source, List<String> all) {

        public Split {
            families = List.copyOf(families);
            excluded = List.copyOf(excluded);
            all = List.copyOf(all);
        }

        public Split(List<FamilyScores> families, List<Excluded> excluded) {
            this(families, excluded, "", families.stream().map(FamilyScores::family).toList());
        }

        /**
         * The scores of the named family.
         *
         * @throws IllegalArgumentException naming the available families when the family is absent, or the
         *                                  excluded models with their reasons when none of its models was scored
         */
        public FamilyScores require(String family) {
            for (FamilyScores f : families) {
                if (f.family().equals(family)) {
                    return f;
                }
            }
            if (all.contains(family)) {
                List<String> why = excluded.stream().filter(e -> e.family().equals(family))
                        .map(e -> e.model() + ": " + e.reason()).toList();
                throw new IllegalArgumentException("family '" + family + "' has no model with all selected scores: "
                        + String.join("; ", why));
            }
            throw new IllegalArgumentException("family '" + family + "' is not in " + (source.isEmpty() ? "the data"
                    : source) + "; available families: " + String.join(", ", all));
        }
    }

    public static Split of(Dataset data, List<String> reasoning, String truth) {
        if (reasoning.isEmpty()) {
            throw new IllegalArgumentException("reasoning benchmarks must not be empty");
        }
        for (String b : reasoning) {
            requireKnown(data, b, "reasoning benchmark");
        }
        requireKnown(data, truth, "truthfulness benchmark");
        CompositeScores.Result scored = CompositeScores.withDefaults().withReasoning(reasoning).withTruth(truth)
                .compute(data);
        Map<String, List<CompositeScores.Scored>> kept = new LinkedHashMap<>();
        for (CompositeScores.Scored s : scored.scored()) {
            kept.computeIfAbsent(s.model().family(), f -> new ArrayList<>()).add(s);
        }
        List<Excluded> excluded = scored.excluded().stream()
                .map(e -> new Excluded(e.model(), e.family(), e.reason())).toList();
        List<FamilyScores> families = new ArrayList<>();
        for (Map.Entry<String, List<CompositeScores.Scored>> e : kept.entrySet()) {
            // size order, so tables and curves read from small to large; ties keep file order (stable sort)
            List<CompositeScores.Scored> ms = new ArrayList<>(e.getValue());
            ms.sort(Comparator.comparingDouble(s -> s.model().paramsB()));
            int n = ms.size();
            List<String> names = new ArrayList<>();
            double[] p = new double[n];
            double[] r = new double[n];
            double[] t = new double[n];
            double[] w = new double[n];
            for (int i = 0; i < n; i++) {
                ModelRecord m = ms.get(i).model();
                names.add(m.model());
                p[i] = m.paramsB();
                r[i] = ms.get(i).r();
                t[i] = ms.get(i).t();
                w[i] = m.hiddenSize().isPresent() ? m.hiddenSize().getAsInt() : Double.NaN;
            }
            families.add(new FamilyScores(e.getKey(), names, p, r, t, w));
        }
        return new Split(families, excluded, data.source(), List.copyOf(data.byFamily().keySet()));
    }

    private static void requireKnown(Dataset data, String benchmark, String what) {
        if (!data.benchmarks().contains(benchmark)) {
            throw new IllegalArgumentException(what + " '" + benchmark + "' is not in " + data.source()
                    + "; available: " + String.join(", ", data.benchmarks()));
        }
    }
}
