package dev.cape.analysis.phase;

import dev.cape.analysis.coupling.FamilyScores;
import dev.cape.analysis.coupling.KernelCoupling;
import dev.cape.analysis.resampling.ProgressListener;
import dev.cape.analysis.resampling.RandomStreams;
import dev.cape.analysis.resampling.StratifiedPermutationTest;
import java.util.ArrayList;
import java.util.List;

/**
 * Pooled correlation of reasoning and truthfulness among the models of one phase (spec §4): take every model
 * whose phase is the target, z-score R and T within each family that has at least 3 such models, pool, and
 * compute Pearson r; tested by shuffling T within each family.
 *
 * <p>z-scores use the population standard deviation ({@code scipy.stats.zscore(v, ddof=0)}); since every family's
 * z-scores then have mean 0 and mean square 1, the pooled Pearson r equals Σ z_R z_T / n. With
 * {@link Selection#RESELECT} (the default) the phase selection is re-run on every permuted data set, so choosing
 * the region does not bias p; {@link Selection#FIXED} keeps the observed selection and shuffles T among the
 * selected models only (the naive test, labelled as such).
 */
public final class PooledPhaseCorrelation {

    /** Fewest selected models for a family to contribute. */
    public static final int MIN_MODELS_PER_FAMILY = 3;

    /** How the phase selection is treated under permutation. */
    public enum Selection {
        RESELECT("stratified permutation, phase selection re-run on each permutation"),
        FIXED("naive stratified permutation, selection fixed");

        private final String label;

        Selection(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    private final Phase target;
    private final double tau;
    private final KernelCoupling coupling;
    private final Selection selection;

    private PooledPhaseCorrelation(Phase target, double tau, KernelCoupling coupling, Selection selection) {
        this.target = target;
        this.tau = tau;
        this.coupling = coupling;
        this.selection = selection;
    }

    /** Pooled correlation of the tax phase with τ = 0.2, h = 0.4 and re-selection. */
    public static PooledPhaseCorrelation withDefaults() {
        return new PooledPhaseCorrelation(Phase.TAX, Phase.DEFAULT_TAU, KernelCoupling.withDefaults(), Selection.RESELECT);
    }

    public PooledPhaseCorrelation with(Phase phase) {
        if (phase != Phase.TAX && phase != Phase.COOPERATIVE) {
            throw new IllegalArgumentException("pooled correlation is defined for the tax and cooperative phases: " + phase);
        }
        return new PooledPhaseCorrelation(phase, tau, coupling, selection);
    }

    public PooledPhaseCorrelation with(Selection s) {
        return new PooledPhaseCorrelation(target, tau, coupling, s);
    }

    public PooledPhaseCorrelation withTau(double t) {
        return new PooledPhaseCorrelation(target, Phase.checkTau(t), coupling, selection);
    }

    public PooledPhaseCorrelation with(KernelCoupling c) {
        return new PooledPhaseCorrelation(target, tau, c, selection);
    }

    /**
     * @param phase        phase pooled
     * @param r            pooled Pearson r, NaN when no family contributes
     * @param nModels      models pooled
     * @param nFamilies    families contributing
     * @param families     names of the contributing families
     * @param test         permutation test (null when not run)
     * @param selection    how the test treated the selection
     */
    public record Result(Phase phase, double r, int nModels, int nFamilies, List<String> families,
                         StratifiedPermutationTest.Result test, Selection selection) {
    }

    /** The pooled r without a test. */
    public Result statistic(List<FamilyScores> families) {
        return compute(families, null, null, null);
    }

    /** The pooled r with its permutation test. */
    public Result test(List<FamilyScores> families, StratifiedPermutationTest permutation, RandomStreams streams,
                       ProgressListener progress) {
        return compute(families, permutation, streams, progress);
    }

    private Result compute(List<FamilyScores> all, StratifiedPermutationTest permutation, RandomStreams streams,
                           ProgressListener progress) {
        List<FamilyScores> usable = new ArrayList<>();
        for (FamilyScores f : all) {
            if (f.size() >= KernelCoupling.MIN_MODELS) {
                usable.add(f);
            }
        }
        // observed selection, through the same code path as the reported per-model couplings
        List<String> contributing = new ArrayList<>();
        List<int[]> selected = new ArrayList<>();
        List<FamilyScores> selectedFamilies = new ArrayList<>();
        double sum = 0;
        int n = 0;
        for (FamilyScores f : usable) {
            double[] x = f.log10Params();
            int[] idx = selectIndices(f, x);
            double s = zProductSum(f.reasoning(), f.truth(), idx);
            if (!Double.isNaN(s)) {
                contributing.add(f.family());
                selected.add(idx);
                selectedFamilies.add(f);
                sum += s;
                n += idx.length;
            }
        }
        double r = n == 0 ? Double.NaN : clamp(sum / n);
        StratifiedPermutationTest.Result test = null;
        if (permutation != null && n > 0) {
            if (selection == Selection.RESELECT) {
                double[][] strata = usable.stream().map(FamilyScores::truth).toArray(double[][]::new);
                test = permutation.test(strata, () -> new ReselectingStatistic(usable, coupling, target, tau),
                        streams, progress);
            } else {
                double[][] strata = new double[selected.size()][];
                double[][] reasoning = new double[selected.size()][];
                for (int k = 0; k < selected.size(); k++) {
                    strata[k] = pick(selectedFamilies.get(k).truth(), selected.get(k));
                    reasoning[k] = pick(selectedFamilies.get(k).reasoning(), selected.get(k));
                }
                test = permutation.test(strata, () -> t -> fixedStatistic(reasoning, t), streams, progress);
            }
        }
        return new Result(target, r, n, contributing.size(), List.copyOf(contributing), test, selection);
    }

    private int[] selectIndices(FamilyScores f, double[] x) {
        return selectIndices(f, x, coupling, target, tau);
    }

    /** Indices of the family's models whose phase (coupling at their own x, threshold τ) is the target. */
    static int[] selectIndices(FamilyScores f, double[] x, KernelCoupling coupling, Phase target, double tau) {
        List<Integer> idx = new ArrayList<>();
        for (int i = 0; i < f.size(); i++) {
            double c = coupling.statistic(x, f.reasoning(), f.truth(), x[i]);
            if (Phase.of(c, tau) == target) {
                idx.add(i);
            }
        }
        return idx.stream().mapToInt(Integer::intValue).toArray();
    }

    private static double fixedStatistic(double[][] reasoning, double[][] truth) {
        double sum = 0;
        int n = 0;
        for (int k = 0; k < reasoning.length; k++) {
            double s = zProductSum(reasoning[k], truth[k], null);
            if (!Double.isNaN(s)) {
                sum += s;
                n += reasoning[k].length;
            }
        }
        return n == 0 ? Double.NaN : clamp(sum / n);
    }

    /**
     * The pooled r of the selected models of each family: Σ over families with at least
     * {@link #MIN_MODELS_PER_FAMILY} selected models of Σ z_R z_T, divided by the number of models pooled; NaN when
     * no family contributes.
     */
    public static double pooled(double[][] reasoning, double[][] truth, int[][] selected) {
        double sum = 0;
        int total = 0;
        for (int f = 0; f < truth.length; f++) {
            double s = zProductSum(reasoning[f], truth[f], selected[f]);
            if (!Double.isNaN(s)) {
                sum += s;
                total += selected[f].length;
            }
        }
        return total == 0 ? Double.NaN : clamp(sum / total);
    }

    /**
     * Σ z_R z_T over the chosen indices (all when idx is null) with population z-scores; NaN when fewer than
     * {@link #MIN_MODELS_PER_FAMILY} or when R or T is constant among them.
     */
    public static double zProductSum(double[] r, double[] t, int[] idx) {
        int n = idx == null ? r.length : idx.length;
        if (n < MIN_MODELS_PER_FAMILY) {
            return Double.NaN;
        }
        double mr = 0;
        double mt = 0;
        for (int k = 0; k < n; k++) {
            int i = idx == null ? k : idx[k];
            mr += r[i];
            mt += t[i];
        }
        mr /= n;
        mt /= n;
        double srr = 0;
        double stt = 0;
        double srt = 0;
        for (int k = 0; k < n; k++) {
            int i = idx == null ? k : idx[k];
            double dr = r[i] - mr;
            double dt = t[i] - mt;
            srr += dr * dr;
            stt += dt * dt;
            srt += dr * dt;
        }
        if (srr <= 1e-24 * n || stt <= 1e-24 * n) {
            return Double.NaN;
        }
        // Σ z_R z_T with z = (v − mean) / sqrt(Σ(v − mean)² / n)
        return srt * n / Math.sqrt(srr * stt);
    }

    private static double[] pick(double[] v, int[] idx) {
        double[] out = new double[idx.length];
        for (int k = 0; k < idx.length; k++) {
            out[k] = v[idx[k]];
        }
        return out;
    }

    private static double clamp(double r) {
        return Math.max(-1, Math.min(1, r));
    }

    /** The pooled statistic with the phase selection re-run on permuted T. */
    static final class ReselectingStatistic implements StratifiedPermutationTest.Statistic {
        private final double[][] reasoning;
        private final PhaseSelector selector;

        ReselectingStatistic(List<FamilyScores> families, KernelCoupling coupling, Phase target, double tau) {
            reasoning = families.stream().map(FamilyScores::reasoning).toArray(double[][]::new);
            selector = new PhaseSelector(families, coupling, target, tau);
        }

        @Override
        public double compute(double[][] truth) {
            int[][] selected = new int[truth.length][];
            for (int f = 0; f < truth.length; f++) {
                selected[f] = selector.select(f, truth[f]);
            }
            return pooled(reasoning, truth, selected);
        }
    }
}
