package dev.cape.analysis.ode;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The states (R, T) of one family at its distinct sizes, sorted by x = log10 N, with finite-difference derivatives.
 *
 * <p>Models of the family at the same parameter count (e.g. two versions of a 7B) are averaged into one state first
 * (arithmetic mean of R and of T), and {@link #notes()} says so. Between consecutive distinct sizes k and k+1 the
 * derivative sample is ṡ ≈ (s_{k+1} − s_k) / (x_{k+1} − x_k), placed at the midpoint s̄ = (s_k + s_{k+1}) / 2,
 * x̄ = (x_k + x_{k+1}) / 2 (method §7).
 *
 * @param family the family name
 * @param sizes  one state per distinct size, ascending x
 * @param notes  what was averaged, one line each
 */
public record FamilyStates(String family, List<SizeState> sizes, List<String> notes) {

    public FamilyStates {
        Objects.requireNonNull(family, "family");
        sizes = List.copyOf(sizes);
        notes = List.copyOf(notes);
    }

    /**
     * The (averaged) state of a family at one size.
     *
     * @param paramsB parameter count in billions
     * @param x       log10 of paramsB
     * @param r       mean reasoning R of the models at this size
     * @param t       mean truthfulness T of the models at this size
     * @param models  the model names averaged here
     */
    public record SizeState(double paramsB, double x, double r, double t, List<String> models) {
        public SizeState {
            models = List.copyOf(models);
        }
    }

    /**
     * A finite-difference derivative sample.
     *
     * @param family family name
     * @param x0     x of the smaller size
     * @param x1     x of the larger size
     * @param r      midpoint R
     * @param t      midpoint T
     * @param dR     (R1 − R0) / (x1 − x0)
     * @param dT     (T1 − T0) / (x1 − x0)
     */
    public record DerivativeSample(String family, double x0, double x1, double r, double t, double dR, double dT) {

        /** Midpoint x̄ = (x0 + x1) / 2. */
        public double xMid() {
            return 0.5 * (x0 + x1);
        }
    }

    /** Groups scored models by family (first appearance order) and averages equal sizes. */
    public static List<FamilyStates> of(List<CompositeScores.Scored> scored) {
        Map<String, List<CompositeScores.Scored>> byFamily = new LinkedHashMap<>();
        for (CompositeScores.Scored s : scored) {
            byFamily.computeIfAbsent(s.model().family(), f -> new ArrayList<>()).add(s);
        }
        List<FamilyStates> out = new ArrayList<>();
        byFamily.forEach((f, list) -> out.add(ofFamily(f, list)));
        return out;
    }

    /** The states of one family from its scored models (all must belong to {@code family}). */
    public static FamilyStates ofFamily(String family, List<CompositeScores.Scored> models) {
        TreeMap<Double, List<CompositeScores.Scored>> bySize = new TreeMap<>();
        for (CompositeScores.Scored s : models) {
            if (!s.model().family().equals(family)) {
                throw new IllegalArgumentException("model " + s.model().model() + " belongs to family "
                        + s.model().family() + ", not " + family);
            }
            bySize.computeIfAbsent(s.model().paramsB(), p -> new ArrayList<>()).add(s);
        }
        List<SizeState> sizes = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        for (Map.Entry<Double, List<CompositeScores.Scored>> e : bySize.entrySet()) {
            List<CompositeScores.Scored> at = e.getValue();
            at.sort(Comparator.comparing(s -> s.model().model()));
            double r = at.stream().mapToDouble(CompositeScores.Scored::r).average().orElseThrow();
            double t = at.stream().mapToDouble(CompositeScores.Scored::t).average().orElseThrow();
            List<String> names = at.stream().map(s -> s.model().model()).toList();
            if (at.size() > 1) {
                notes.add(family + ": " + at.size() + " models at " + e.getKey() + "B averaged into one state "
                        + names);
            }
            sizes.add(new SizeState(e.getKey(), Math.log10(e.getKey()), r, t, names));
        }
        return new FamilyStates(family, sizes, notes);
    }

    /** Number of distinct sizes. */
    public int distinctSizes() {
        return sizes.size();
    }

    /** Finite-difference samples between consecutive distinct sizes (empty with fewer than 2 sizes). */
    public List<DerivativeSample> derivativeSamples() {
        List<DerivativeSample> out = new ArrayList<>();
        for (int k = 0; k + 1 < sizes.size(); k++) {
            SizeState a = sizes.get(k);
            SizeState b = sizes.get(k + 1);
            double dx = b.x() - a.x();
            out.add(new DerivativeSample(family, a.x(), b.x(), 0.5 * (a.r() + b.r()), 0.5 * (a.t() + b.t()),
                    (b.r() - a.r()) / dx, (b.t() - a.t()) / dx));
        }
        return out;
    }
}
