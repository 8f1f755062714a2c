package dev.cape.analysis.phase;

import dev.cape.analysis.coupling.FamilyScores;
import dev.cape.analysis.coupling.KernelCoupling;
import java.util.ArrayList;
import java.util.List;

/**
 * The per-model values behind a pooled phase correlation (spec §4): the models of one phase, with R and T z-scored
 * within each family's selection, for the families that contribute to {@link PooledPhaseCorrelation}.
 *
 * <p>z = (v − mean) / sd with the population sd over the family's selected models ({@code scipy.stats.zscore(v,
 * ddof=0)}); the selection is the one {@link PooledPhaseCorrelation} makes (coupling at each model's own x,
 * threshold τ), and a family contributes when it has at least {@link PooledPhaseCorrelation#MIN_MODELS_PER_FAMILY}
 * selected models with R and T not constant. The pooled r is the mean of z_R·z_T over the points.
 */
public final class PooledZScores {

    private final Phase target;
    private final double tau;
    private final KernelCoupling coupling;

    private PooledZScores(Phase target, double tau, KernelCoupling coupling) {
        this.target = target;
        this.tau = tau;
        this.coupling = coupling;
    }

    /** The tax phase with τ = 0.2 and h = 0.4, as {@link PooledPhaseCorrelation#withDefaults()}. */
    public static PooledZScores withDefaults() {
        return new PooledZScores(Phase.TAX, Phase.DEFAULT_TAU, KernelCoupling.withDefaults());
    }

    public PooledZScores with(Phase phase) {
        if (phase != Phase.TAX && phase != Phase.COOPERATIVE) {
            throw new IllegalArgumentException("pooled z-scores are defined for the tax and cooperative phases: "
                    + phase);
        }
        return new PooledZScores(phase, tau, coupling);
    }

    public PooledZScores withTau(double t) {
        return new PooledZScores(target, Phase.checkTau(t), coupling);
    }

    public PooledZScores with(KernelCoupling c) {
        return new PooledZScores(target, tau, c);
    }

    /**
     * One pooled model.
     *
     * @param family     its family
     * @param model      its name
     * @param index      its index in the family's scores
     * @param zReasoning R z-scored within the family's selection
     * @param zTruth     T z-scored within the family's selection
     */
    public record Point(String family, String model, int index, double zReasoning, double zTruth) {
    }

    /**
     * @param phase     phase pooled
     * @param tau       phase threshold used
     * @param bandwidth kernel bandwidth used for the phases
     * @param points    the pooled models, family by family in input order, models in family order
     * @param families  the contributing families, in input order
     */
    public record Result(Phase phase, double tau, double bandwidth, List<Point> points, List<String> families) {

        public Result {
            points = List.copyOf(points);
            families = List.copyOf(families);
        }

        /** The pooled Pearson r = mean of z_R·z_T, NaN without points (equals {@link PooledPhaseCorrelation}'s r). */
        public double r() {
            if (points.isEmpty()) {
                return Double.NaN;
            }
            double s = 0;
            for (Point p : points) {
                s += p.zReasoning() * p.zTruth();
            }
            return Math.max(-1, Math.min(1, s / points.size()));
        }
    }

    /** The z-scored pooled models of the target phase. */
    public Result fit(List<FamilyScores> families) {
        List<Point> points = new ArrayList<>();
        List<String> contributing = new ArrayList<>();
        for (FamilyScores f : families) {
            if (f.size() < KernelCoupling.MIN_MODELS) {
                continue;
            }
            int[] idx = PooledPhaseCorrelation.selectIndices(f, f.log10Params(), coupling, target, tau);
            if (Double.isNaN(PooledPhaseCorrelation.zProductSum(f.reasoning(), f.truth(), idx))) {
                continue;
            }
            double[] zr = z(f.reasoning(), idx);
            double[] zt = z(f.truth(), idx);
            for (int k = 0; k < idx.length; k++) {
                points.add(new Point(f.family(), f.models().get(idx[k]), idx[k], zr[k], zt[k]));
            }
            contributing.add(f.family());
        }
        return new Result(target, tau, coupling.bandwidth(), points, contributing);
    }

    /** Population z-scores of v over the chosen indices. */
    private static double[] z(double[] v, int[] idx) {
        int n = idx.length;
        double mean = 0;
        for (int i : idx) {
            mean += v[i];
        }
        mean /= n;
        double ss = 0;
        for (int i : idx) {
            ss += (v[i] - mean) * (v[i] - mean);
        }
        double sd = Math.sqrt(ss / n);
        double[] out = new double[n];
        for (int k = 0; k < n; k++) {
            out[k] = (v[idx[k]] - mean) / sd;
        }
        return out;
    }
}
