package dev.cape.analysis.resampling;

import java.util.concurrent.CancellationException;
import dev.cape.analysis.coupling.CriticalScale;
import dev.cape.analysis.coupling.FamilyScores;
import dev.cape.analysis.coupling.KernelCoupling;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.descriptive.Quantile;

/**
 * Bootstrap interval of a family's critical scale (spec §3): resample the family's models with replacement,
 * keep resamples with at least 3 distinct sizes, find N_c of each, and take the percentile 95% interval of
 * log10 N_c over the resamples that cross, with the share of kept resamples that were censored.
 *
 * <p>The same kept resamples also give a pointwise percentile band of the coupling curve ({@link CouplingBand}):
 * each resample's curve is re-evaluated on the fixed grid of the original curve, and at every grid point the
 * (α/2, 1 − α/2) percentiles are taken over the resamples whose curve is defined there.
 *
 * <p>Each resample uses its own grid spanning its own [min x, max x], exactly as {@link KernelCoupling#fit} would;
 * kernel weights are cached per (min, max) pair, so no exponential is evaluated per resample.
 */
public final class FamilyBootstrap {

    /** Default number of bootstrap draws per family. */
    public static final int DEFAULT_RESAMPLES = 2000;
    /** Fewest crossing resamples for which an interval is reported. */
    public static final int MIN_CROSSINGS_FOR_CI = 20;
    /** Fewest resamples defined at a grid point for which the coupling band is reported there. */
    public static final int MIN_CURVES_FOR_BAND = 20;
    private static final int MIN_DISTINCT_SIZES = 3;

    private final int resamples;
    private final double confidence;

    private FamilyBootstrap(int resamples, double confidence) {
        this.resamples = resamples;
        this.confidence = confidence;
    }

    public static FamilyBootstrap withDefaults() {
        return new FamilyBootstrap(DEFAULT_RESAMPLES, 0.95);
    }

    public FamilyBootstrap withResamples(int b) {
        if (b < 1) {
            throw new IllegalArgumentException("family bootstrap resamples must be >= 1: " + b);
        }
        return new FamilyBootstrap(b, confidence);
    }

    public int resamples() {
        return resamples;
    }

    /**
     * Outcome of the bootstrap of one family.
     *
     * @param drawn         resamples drawn (B)
     * @param kept          resamples with ≥ 3 distinct sizes
     * @param crossing      kept resamples with an upward crossing
     * @param leftCensored  kept resamples cooperative everywhere
     * @param rightCensored kept resamples in the tax phase everywhere
     * @param ciLog10       percentile interval of log10 N_c over crossing resamples, or null when fewer than
     *                      {@link #MIN_CROSSINGS_FOR_CI} crossed
     * @param confidence    interval level
     * @param seed          seed of the random streams used
     * @param band          pointwise percentile band of the coupling curve from the same resamples, or null when no
     *                      resample was drawn
     */
    public record Result(int drawn, int kept, int crossing, int leftCensored, int rightCensored, double[] ciLog10,
                         double confidence, long seed, CouplingBand band) {

        /** Share of kept resamples that were censored (either side); NaN when none was kept. */
        public double censoredShare() {
            return kept == 0 ? Double.NaN : (leftCensored + rightCensored) / (double) kept;
        }
    }

    /** Bootstraps N_c of one family with the given coupling settings and random stream. */
    public Result bootstrap(FamilyScores family, KernelCoupling coupling, UniformRandomProvider rng, long seed) {
        int n = family.size();
        if (n < KernelCoupling.MIN_MODELS || family.distinctSizes() < MIN_DISTINCT_SIZES) {
            return new Result(0, 0, 0, 0, 0, null, confidence, seed, null);
        }
        Evaluator eval = new Evaluator(family, coupling);
        double[] crossings = new double[resamples];
        int grid = coupling.gridPoints();
        double[][] curves = new double[grid][resamples]; // [grid point][defined resample]
        int[] defined = new int[grid];
        double[] full = new double[grid];
        int kept = 0;
        int crossing = 0;
        int left = 0;
        int right = 0;
        int[] counts = new int[n];
        for (int b = 0; b < resamples; b++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("family bootstrap of " + family.family() + " cancelled");
            }
            Arrays.fill(counts, 0);
            for (int k = 0; k < n; k++) {
                counts[rng.nextInt(n)]++;
            }
            CriticalScale nc = eval.criticalScale(counts);
            if (nc == null) {
                continue;
            }
            kept++;
            eval.fullGridCurve(counts, full);
            for (int k = 0; k < grid; k++) {
                if (!Double.isNaN(full[k])) {
                    curves[k][defined[k]++] = full[k];
                }
            }
            switch (nc.status()) {
                case CROSSING -> crossings[crossing++] = nc.log10Value();
                case LEFT_CENSORED -> left++;
                case RIGHT_CENSORED -> right++;
                default -> { }
            }
        }
        double[] ci = null;
        if (crossing >= MIN_CROSSINGS_FOR_CI) {
            double[] v = Arrays.copyOf(crossings, crossing);
            Arrays.sort(v);
            double a = (1 - confidence) / 2;
            ci = new double[] {Percentile.sortedQuantile(v, a), Percentile.sortedQuantile(v, 1 - a)};
        }
        return new Result(resamples, kept, crossing, left, right, ci, confidence, seed,
                band(eval.fullGridX(), curves, defined, kept, seed));
    }

    private CouplingBand band(double[] gridX, double[][] curves, int[] defined, int kept, long seed) {
        int grid = gridX.length;
        double[] lower = new double[grid];
        double[] upper = new double[grid];
        double a = (1 - confidence) / 2;
        // selection instead of a full sort per grid point; HF7 is numpy's linear rule, as Percentile
        Quantile quantile = Quantile.withDefaults().with(Quantile.EstimationMethod.HF7).withCopy(false);
        for (int k = 0; k < grid; k++) {
            if (defined[k] < MIN_CURVES_FOR_BAND) {
                lower[k] = Double.NaN;
                upper[k] = Double.NaN;
                continue;
            }
            double[] q = quantile.evaluateRange(curves[k], 0, defined[k], a, 1 - a);
            lower[k] = q[0];
            upper[k] = q[1];
        }
        return new CouplingBand(gridX, lower, upper, defined, resamples, kept, confidence, seed);
    }

    /** Evaluates N_c of a resample given as multiplicities of the family's models, with cached kernel weights. */
    static final class Evaluator {
        private final double[] x;
        private final double[] r;
        private final double[] t;
        private final int grid;
        private final double inv2h2;
        private final double[] sizes; // distinct x, ascending
        private final int[] sizeIndex; // model → index into sizes
        private final Map<Integer, double[][]> weightCache = new HashMap<>();
        private final Map<Integer, double[]> gridCache = new HashMap<>();
        private final double[] gc; // scratch: c on the current resample's grid
        private int lastLo = -1; // size range of the resample criticalScale last evaluated
        private int lastHi = -1;

        Evaluator(FamilyScores f, KernelCoupling coupling) {
            x = f.log10Params();
            r = f.reasoning();
            t = f.truth();
            grid = coupling.gridPoints();
            inv2h2 = 1.0 / (2 * coupling.bandwidth() * coupling.bandwidth());
            sizes = Arrays.stream(x).distinct().sorted().toArray();
            gc = new double[grid];
            sizeIndex = new int[x.length];
            for (int i = 0; i < x.length; i++) {
                sizeIndex[i] = Arrays.binarySearch(sizes, x[i]);
            }
        }

        /** N_c of the resample, or null when it has fewer than 3 distinct sizes. */
        CriticalScale criticalScale(int[] counts) {
            int lo = Integer.MAX_VALUE;
            int hi = -1;
            boolean[] seen = new boolean[sizes.length];
            int distinct = 0;
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) {
                    int s = sizeIndex[i];
                    if (!seen[s]) {
                        seen[s] = true;
                        distinct++;
                    }
                    lo = Math.min(lo, s);
                    hi = Math.max(hi, s);
                }
            }
            if (distinct < MIN_DISTINCT_SIZES) {
                lastLo = -1;
                lastHi = -1;
                return null;
            }
            lastLo = lo;
            lastHi = hi;
            double[][] w = weights(lo, hi); // [grid][size]
            int from = lo;
            int to = hi;
            double[] gx = gridCache.computeIfAbsent(from * sizes.length + to, key -> gridX(from, to));
            for (int k = 0; k < grid; k++) {
                gc[k] = coupling(w[k], counts);
            }
            return CriticalScale.of(gx, gc);
        }

        /** The grid of the original curve: {@code gridPoints} points spanning the family's [min x, max x]. */
        double[] fullGridX() {
            return gridX(0, sizes.length - 1);
        }

        /**
         * c of the resample on the original curve's grid, into {@code out}; NaN where undefined. Reuses the values
         * of the last {@link #criticalScale} call when that resample spans the family's whole size range.
         */
        void fullGridCurve(int[] counts, double[] out) {
            int last = sizes.length - 1;
            if (lastLo == 0 && lastHi == last) {
                System.arraycopy(gc, 0, out, 0, grid);
                return;
            }
            double[][] w = weights(0, last);
            for (int k = 0; k < grid; k++) {
                out[k] = coupling(w[k], counts);
            }
        }

        private double coupling(double[] wk, int[] counts) {
            double sw = 0;
            double sr = 0;
            double st = 0;
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) {
                    double w = wk[sizeIndex[i]] * counts[i];
                    sw += w;
                    sr += w * r[i];
                    st += w * t[i];
                }
            }
            double mr = sr / sw;
            double mt = st / sw;
            double crt = 0;
            double crr = 0;
            double ctt = 0;
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] > 0) {
                    double w = wk[sizeIndex[i]] * counts[i];
                    double dr = r[i] - mr;
                    double dt = t[i] - mt;
                    crt += w * dr * dt;
                    crr += w * dr * dr;
                    ctt += w * dt * dt;
                }
            }
            if (crr <= 1e-24 * sw || ctt <= 1e-24 * sw) {
                return Double.NaN;
            }
            return Math.max(-1, Math.min(1, crt / Math.sqrt(crr * ctt)));
        }

        private double[] gridX(int lo, int hi) {
            double a = sizes[lo];
            double b = sizes[hi];
            double[] g = new double[grid];
            for (int k = 0; k < grid; k++) {
                g[k] = a + (b - a) * k / (grid - 1);
            }
            return g;
        }

        private double[][] weights(int lo, int hi) {
            return weightCache.computeIfAbsent(lo * sizes.length + hi, key -> {
                double[] g = gridX(lo, hi);
                double[][] w = new double[grid][sizes.length];
                for (int k = 0; k < grid; k++) {
                    for (int s = 0; s < sizes.length; s++) {
                        double d = sizes[s] - g[k];
                        w[k][s] = Math.exp(-d * d * inv2h2);
                    }
                }
                return w;
            });
        }
    }
}
