package dev.cape.analysis.width;

import dev.cape.analysis.coupling.FamilyScores;
import dev.cape.analysis.coupling.KernelCoupling;
import dev.cape.analysis.phase.Phase;
import dev.cape.analysis.phase.PhaseSelector;
import dev.cape.analysis.phase.PooledPhaseCorrelation;
import dev.cape.analysis.phase.PooledPhaseCorrelation.Selection;
import dev.cape.analysis.resampling.ProgressListener;
import dev.cape.analysis.resampling.RandomStreams;
import dev.cape.analysis.resampling.StratifiedPermutationTest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Width normalisation (spec §5): does the reasoning–truthfulness anticorrelation survive once hidden width is
 * accounted for?
 *
 * <p>Three statistics, each with the stratified permutation test of T within families:
 * <ul>
 *   <li><b>partial r, all models</b>: {@link PartialCorrelation} over every family's models with a known width;</li>
 *   <li><b>partial r, tax region</b>: per family, the tax-phase models (phases from the full family's coupling)
 *       with a known width, R and T residualised on [1, log2 d] within that selection, pooled;</li>
 *   <li><b>ratio r, tax region</b>: the pooled z-scored correlation ({@link PooledPhaseCorrelation}) of
 *       R/log2 d and T/log2 d over the same selection.</li>
 * </ul>
 * With {@link Selection#RESELECT} the tax selection is re-run on every permuted data set, as for the pooled test;
 * with {@link Selection#FIXED} T is shuffled among the observed selection only. A family contributes to a
 * residual statistic only with at least 3 models of at least two widths. The finding the spec asks about —
 * the anticorrelation vanishes — is |r| &lt; 0.3 or p &gt; 0.05 for the tax-region partial correlation.
 */
public final class WidthNormalisation {

    private static final int MIN_MODELS = 3;

    private final KernelCoupling coupling;
    private final double tau;
    private final Selection selection;

    private WidthNormalisation(KernelCoupling coupling, double tau, Selection selection) {
        this.coupling = coupling;
        this.tau = tau;
        this.selection = selection;
    }

    public static WidthNormalisation withDefaults() {
        return new WidthNormalisation(KernelCoupling.withDefaults(), Phase.DEFAULT_TAU, Selection.RESELECT);
    }

    public WidthNormalisation with(KernelCoupling c) {
        return new WidthNormalisation(c, tau, selection);
    }

    public WidthNormalisation withTau(double t) {
        return new WidthNormalisation(coupling, Phase.checkTau(t), selection);
    }

    public WidthNormalisation with(Selection s) {
        return new WidthNormalisation(coupling, tau, s);
    }

    /**
     * @param all            partial correlation over all models with widths (with exclusions)
     * @param allTest        its permutation test, null when undefined
     * @param partialRTax    partial correlation within the tax region, NaN when undefined
     * @param taxTest        its permutation test, null when undefined
     * @param taxFamilies    families contributing to the tax-region statistics
     * @param taxModels      models in them
     * @param ratioRTax      ratio-variant pooled correlation within the tax region, NaN when undefined
     * @param ratioTest      its permutation test, null when undefined
     * @param selection      how the tax selection was treated under permutation
     */
    public record Result(PartialCorrelation.Result all, StratifiedPermutationTest.Result allTest, double partialRTax,
                         StratifiedPermutationTest.Result taxTest, List<String> taxFamilies, int taxModels,
                         double ratioRTax, StratifiedPermutationTest.Result ratioTest, Selection selection) {

        /** Families used by the all-models partial correlation. */
        public List<String> familiesUsed() {
            return all.included().stream().map(PartialCorrelation.Residuals::family).toList();
        }

        /** |partial r in the tax region| &lt; 0.3 or its p &gt; 0.05; false when undefined. */
        public boolean anticorrelationVanishes() {
            if (Double.isNaN(partialRTax)) {
                return false;
            }
            return Math.abs(partialRTax) < 0.3 || (taxTest != null && taxTest.p() > 0.05);
        }
    }

    public Result test(List<FamilyScores> families, StratifiedPermutationTest permutation, RandomStreams streams,
                       ProgressListener progress) {
        // all models with a known width
        List<PartialCorrelation.Family> withWidth = new ArrayList<>();
        for (FamilyScores f : families) {
            int[] known = knownWidth(f, null);
            if (known.length > 0) {
                withWidth.add(new PartialCorrelation.Family(f.family(), pick(f.reasoning(), known),
                        pick(f.truth(), known), pick(f.width(), known)));
            }
        }
        PartialCorrelation.Result all = withWidth.isEmpty()
                ? new PartialCorrelation.Result(java.util.OptionalDouble.empty(), "no model has a hidden width",
                        List.of(), List.of(), 0, MIN_MODELS)
                : PartialCorrelation.withDefaults().compute(withWidth);
        StratifiedPermutationTest.Result allTest = null;
        if (all.r().isPresent()) {
            List<double[]> er = all.reasoningResiduals();
            List<double[]> log2 = new ArrayList<>();
            List<double[]> strata = new ArrayList<>();
            for (PartialCorrelation.Residuals res : all.included()) {
                PartialCorrelation.Family f = withWidth.stream().filter(w -> w.family().equals(res.family()))
                        .findFirst().orElseThrow();
                log2.add(f.log2Width());
                strata.add(f.truthfulness());
            }
            allTest = permutation.test(strata.toArray(double[][]::new), () -> t -> {
                List<double[]> et = new ArrayList<>();
                for (int k = 0; k < t.length; k++) {
                    et.add(PartialCorrelation.residualize(t[k], log2.get(k)));
                }
                return safeStatistic(er, et);
            }, streams.child(1), progress);
        }

        // tax region, selection from the full families
        List<FamilyScores> usable = families.stream().filter(f -> f.size() >= KernelCoupling.MIN_MODELS).toList();
        PhaseSelector observedSelector = new PhaseSelector(usable, coupling, Phase.TAX, tau);
        int[][] observed = new int[usable.size()][];
        for (int k = 0; k < usable.size(); k++) {
            observed[k] = knownWidth(usable.get(k), observedSelector.select(k, usable.get(k).truth()));
        }
        TaxRegion region = new TaxRegion(usable, observed);
        double partialTax = region.partial(truths(usable), observed);
        double ratioTax = region.ratio(truths(usable), observed);
        StratifiedPermutationTest.Result taxTest = null;
        StratifiedPermutationTest.Result ratioTest = null;
        if (!Double.isNaN(partialTax)) {
            taxTest = region.test(permutation, streams.child(2), progress, true);
        }
        if (!Double.isNaN(ratioTax)) {
            ratioTest = region.test(permutation, streams.child(3), progress, false);
        }
        return new Result(all, allTest, partialTax, taxTest, region.contributing(observed), region.models(observed),
                ratioTax, ratioTest, selection);
    }

    /** The tax-region statistics of a set of families, for observed or permuted T. */
    private final class TaxRegion {
        private final List<FamilyScores> families;
        private final int[][] observed;

        TaxRegion(List<FamilyScores> families, int[][] observed) {
            this.families = families;
            this.observed = observed;
        }

        double partial(double[][] truth, int[][] selected) {
            List<double[]> er = new ArrayList<>();
            List<double[]> et = new ArrayList<>();
            for (int k = 0; k < families.size(); k++) {
                FamilyScores f = families.get(k);
                int[] idx = selected[k];
                double[] log2 = log2(pick(f.width(), idx));
                if (idx.length < MIN_MODELS || constant(log2)) {
                    continue;
                }
                er.add(PartialCorrelation.residualize(pick(f.reasoning(), idx), log2));
                et.add(PartialCorrelation.residualize(pick(truth[k], idx), log2));
            }
            return er.isEmpty() ? Double.NaN : safeStatistic(er, et);
        }

        double ratio(double[][] truth, int[][] selected) {
            double sum = 0;
            int n = 0;
            for (int k = 0; k < families.size(); k++) {
                FamilyScores f = families.get(k);
                int[] idx = selected[k];
                if (idx.length < MIN_MODELS) {
                    continue;
                }
                double[] w = pick(f.width(), idx);
                double s = PooledPhaseCorrelation.zProductSum(RatioVariant.ratio(pick(f.reasoning(), idx), w),
                        RatioVariant.ratio(pick(truth[k], idx), w), null);
                if (!Double.isNaN(s)) {
                    sum += s;
                    n += idx.length;
                }
            }
            return n == 0 ? Double.NaN : Math.max(-1, Math.min(1, sum / n));
        }

        StratifiedPermutationTest.Result test(StratifiedPermutationTest permutation, RandomStreams streams,
                                              ProgressListener progress, boolean partial) {
            if (selection == Selection.RESELECT) {
                return permutation.test(truths(families), () -> {
                    PhaseSelector selector = new PhaseSelector(families, coupling, Phase.TAX, tau);
                    return t -> {
                        int[][] sel = new int[t.length][];
                        for (int k = 0; k < t.length; k++) {
                            sel[k] = knownWidth(families.get(k), selector.select(k, t[k]));
                        }
                        return partial ? partial(t, sel) : ratio(t, sel);
                    };
                }, streams, progress);
            }
            // fixed selection: shuffle T among the observed selection of each family
            double[][] strata = new double[families.size()][];
            for (int k = 0; k < families.size(); k++) {
                strata[k] = pick(families.get(k).truth(), observed[k]);
            }
            return permutation.test(strata, () -> t -> {
                double[][] full = truths(families);
                for (int k = 0; k < t.length; k++) {
                    for (int j = 0; j < observed[k].length; j++) {
                        full[k][observed[k][j]] = t[k][j];
                    }
                }
                return partial ? partial(full, observed) : ratio(full, observed);
            }, streams, progress);
        }

        List<String> contributing(int[][] selected) {
            List<String> out = new ArrayList<>();
            for (int k = 0; k < families.size(); k++) {
                if (selected[k].length >= MIN_MODELS && !constant(log2(pick(families.get(k).width(), selected[k])))) {
                    out.add(families.get(k).family());
                }
            }
            return out;
        }

        int models(int[][] selected) {
            int n = 0;
            for (int k = 0; k < families.size(); k++) {
                if (selected[k].length >= MIN_MODELS && !constant(log2(pick(families.get(k).width(), selected[k])))) {
                    n += selected[k].length;
                }
            }
            return n;
        }
    }

    private static double safeStatistic(List<double[]> er, List<double[]> et) {
        try {
            return PartialCorrelation.statistic(er, et);
        } catch (IllegalArgumentException zeroVariance) {
            return Double.NaN;
        }
    }

    /** The given indices (all when null) of models whose width is known. */
    private static int[] knownWidth(FamilyScores f, int[] idx) {
        int[] candidates = idx == null ? java.util.stream.IntStream.range(0, f.size()).toArray() : idx;
        return Arrays.stream(candidates).filter(i -> Double.isFinite(f.width()[i]) && f.width()[i] > 1).toArray();
    }

    private static double[][] truths(List<FamilyScores> families) {
        return families.stream().map(FamilyScores::truth).toArray(double[][]::new);
    }

    private static double[] pick(double[] v, int[] idx) {
        double[] out = new double[idx.length];
        for (int k = 0; k < idx.length; k++) {
            out[k] = v[idx[k]];
        }
        return out;
    }

    private static double[] log2(double[] widths) {
        return Arrays.stream(widths).map(PartialCorrelation::log2).toArray();
    }

    private static boolean constant(double[] v) {
        return v.length == 0 || Arrays.stream(v).allMatch(x -> x == v[0]);
    }
}
