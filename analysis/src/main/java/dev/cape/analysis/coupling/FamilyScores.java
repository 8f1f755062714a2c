package dev.cape.analysis.coupling;

import java.util.List;
import java.util.Objects;

/**
 * The composite scores of one family's models, in the order given: x = log10 N (billions), reasoning R and
 * truthfulness T in [0, 1], and optionally the hidden width (NaN when unknown).
 *
 * @param family    family name
 * @param models    model names, parallel to the arrays
 * @param paramsB   parameter counts in billions
 * @param reasoning reasoning composite R
 * @param truth     truthfulness T
 * @param width     hidden width d, NaN where unknown
 */
public record FamilyScores(String family, List<String> models, double[] paramsB, double[] reasoning,
                           double[] truth, double[] width) {

    public FamilyScores {
        Objects.requireNonNull(family, "family");
        models = List.copyOf(models);
        int n = models.size();
        if (paramsB.length != n || reasoning.length != n || truth.length != n || width.length != n) {
            throw new IllegalArgumentException("family " + family + ": arrays must all have " + n + " entries");
        }
        for (int i = 0; i < n; i++) {
            if (!(paramsB[i] > 0) || !Double.isFinite(paramsB[i])) {
                throw new IllegalArgumentException("family " + family + ": paramsB must be finite and > 0: " + paramsB[i]);
            }
            if (!Double.isFinite(reasoning[i]) || !Double.isFinite(truth[i])) {
                throw new IllegalArgumentException("family " + family + ": scores must be finite: model " + models.get(i));
            }
        }
        paramsB = paramsB.clone();
        reasoning = reasoning.clone();
        truth = truth.clone();
        width = width.clone();
    }

    public int size() {
        return models.size();
    }

    /** x_i = log10 N_i. */
    public double[] log10Params() {
        double[] x = new double[paramsB.length];
        for (int i = 0; i < x.length; i++) {
            x[i] = Math.log10(paramsB[i]);
        }
        return x;
    }

    /** Number of distinct sizes. */
    public int distinctSizes() {
        return (int) java.util.Arrays.stream(paramsB).distinct().count();
    }

    /** The same family with the truthfulness scores replaced (used by permutation tests). */
    public FamilyScores withTruth(double[] newTruth) {
        return new FamilyScores(family, models, paramsB, reasoning, newTruth, width);
    }

    /** The sub-family of the given model indices (used by resampling; indices may repeat). */
    public FamilyScores select(int[] idx) {
        String[] m = new String[idx.length];
        double[] p = new double[idx.length];
        double[] r = new double[idx.length];
        double[] t = new double[idx.length];
        double[] w = new double[idx.length];
        for (int k = 0; k < idx.length; k++) {
            int i = idx[k];
            m[k] = models.get(i);
            p[k] = paramsB[i];
            r[k] = reasoning[i];
            t[k] = truth[i];
            w[k] = width[i];
        }
        return new FamilyScores(family, List.of(m), p, r, t, w);
    }
}
