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

    /** All three statistics with their permutation tests. */
    public Result test(List<FamilyScores> families, StratifiedPermutationTest permutation, RandomStreams streams,
                       ProgressListener progress) {
        return test(families, permutation, streams, progress, true);
    }

    /**
     * As {@link #test(List, StratifiedPermutationTest, RandomStreams, ProgressListener)}; with
     * {@code testTaxRegion} false the tax-region statistics are computed but not tested (a caller that tests them
     * jointly with other statistics on the same permutations attaches its own results).
     */
    public Result test(List<FamilyScores> families, StratifiedPermutationTest permutation, RandomStreams streams,
                       ProgressListener progress, boolean testTaxRegion) {
        // all models with a known width
        List<FamilyScores> withWidth = new ArrayList<>();
        for (FamilyScores f : families) {
            int[] known = knownWidth(f, null);
            if (known.length > 0) {
                withWidth.add(f.select(known));
            }
        }
        PartialCorrelation.Result all = withWidth.isEmpty()
                ? new PartialCorrelation.Result(java.util.OptionalDouble.empty(), "no model has a hidden width",
                        List.of(), List.of(), 0, MIN_MODELS)
                : PartialCorrelation.withDefaults().compute(withWidth.stream()
                        .map(f -> new PartialCorrelation.Family(f.family(), f.reasoning(), f.truth(), f.width()))
                        .toList());
        StratifiedPermutationTest.Result allTest = null;
        if (all.r().isPresent()) {
            List<String> included = all.included().stream().map(PartialCorrelation.Residuals::family).toList();
            List<FamilyScores> used = withWidth.stream().filter(f -> included.contains(f.family())).toList();
            TaxRegionStatistics everyModel = new TaxRegionStatistics(used);
            int[][] allModels = used.stream().map(f -> java.util.stream.IntStream.range(0, f.size()).toArray())
                    .toArray(int[][]::new);
            allTest = permutation.test(truths(used), () -> t -> everyModel.partial(t, allModels), streams.child(1),
                    progress);
        }

        // tax region, selection from the full families
        List<FamilyScores> usable = usable(families);
        PhaseSelector observedSelector = new PhaseSelector(usable, coupling, Phase.TAX, tau);
        double[][] truth = truths(usable);
        int[][] observed = new int[usable.size()][];
        for (int k = 0; k < usable.size(); k++) {
            observed[k] = observedSelector.select(k, truth[k]);
        }
        TaxRegionStatistics region = new TaxRegionStatistics(usable);
        double partialTax = region.partial(truth, observed);
        double ratioTax = region.ratio(truth, observed);
        StratifiedPermutationTest.Result taxTest = null;
        StratifiedPermutationTest.Result ratioTest = null;
        if (testTaxRegion && (!Double.isNaN(partialTax) || !Double.isNaN(ratioTax))) {
            List<StratifiedPermutationTest.Result> tests = selection == Selection.RESELECT
                    ? permutation.testAll(truth, () -> {
                        PhaseSelector selector = new PhaseSelector(usable, coupling, Phase.TAX, tau);
                        return (t, out) -> {
                            int[][] sel = new int[t.length][];
                            for (int k = 0; k < t.length; k++) {
                                sel[k] = selector.select(k, t[k]);
                            }
                            out[0] = region.partial(t, sel);
                            out[1] = region.ratio(t, sel);
                        };
                    }, 2, streams.child(2), progress)
                    : fixedSelectionTests(usable, region, observed, permutation, streams.child(2), progress);
            taxTest = Double.isNaN(partialTax) ? null : tests.get(0);
            ratioTest = Double.isNaN(ratioTax) ? null : tests.get(1);
        }
        return new Result(all, allTest, partialTax, taxTest, region.contributing(observed, usable), region.models(observed),
                ratioTax, ratioTest, selection);
    }

    /** The families with enough models for a coupling curve, whose T a tax-region test permutes. */
    public static List<FamilyScores> usable(List<FamilyScores> families) {
        return families.stream().filter(f -> f.size() >= KernelCoupling.MIN_MODELS).toList();
    }

    /** Shuffles T among the observed selection of each family only. */
    private static List<StratifiedPermutationTest.Result> fixedSelectionTests(
            List<FamilyScores> families, TaxRegionStatistics region, int[][] observed,
            StratifiedPermutationTest permutation, RandomStreams streams, ProgressListener progress) {
        double[][] strata = new double[families.size()][];
        for (int k = 0; k < families.size(); k++) {
            strata[k] = pick(families.get(k).truth(), observed[k]);
        }
        return permutation.testAll(strata, () -> {
            double[][] full = truths(families);
            return (t, out) -> {
                for (int k = 0; k < t.length; k++) {
                    for (int j = 0; j < observed[k].length; j++) {
                        full[k][observed[k][j]] = t[k][j];
                    }
                }
                out[0] = region.partial(full, observed);
                out[1] = region.ratio(full, observed);
            };
        }, 2, streams, progress);
    }

    /**
     * The tax-region statistics of a fixed list of families for any truthfulness scores and any tax selection
     * (observed or permuted); only selected models with a known width enter. Thread-safe (no shared scratch).
     */
    public static final class TaxRegionStatistics {
        private final double[][] reasoning;
        private final double[][] log2Width; // NaN where unknown
        private final double[][] reasoningRatio; // R / log2 d, NaN where unknown

        public TaxRegionStatistics(List<FamilyScores> families) {
            int nf = families.size();
            reasoning = new double[nf][];
            log2Width = new double[nf][];
            reasoningRatio = new double[nf][];
            for (int k = 0; k < nf; k++) {
                FamilyScores f = families.get(k);
                reasoning[k] = f.reasoning();
                log2Width[k] = new double[f.size()];
                reasoningRatio[k] = new double[f.size()];
                for (int i = 0; i < f.size(); i++) {
                    double d = f.width()[i];
                    boolean known = Double.isFinite(d) && d > 1;
                    log2Width[k][i] = known ? PartialCorrelation.log2(d) : Double.NaN;
                    reasoningRatio[k][i] = known ? reasoning[k][i] / log2Width[k][i] : Double.NaN;
                }
            }
        }

        /**
         * Pooled partial correlation of R and T given log2 d over the selected models with known width; equal to
         * {@link PartialCorrelation#statistic} of the per-family residuals (whose family means are 0). NaN when no
         * family has 3 such models of two widths, or a side has no residual variance.
         */
        public double partial(double[][] truth, int[][] selected) {
            double srt = 0;
            double srr = 0;
            double stt = 0;
            boolean any = false;
            for (int k = 0; k < truth.length; k++) {
                int[] idx = withWidth(k, selected[k]);
                if (idx.length < MIN_MODELS) {
                    continue;
                }
                double mx = 0;
                double mr = 0;
                double mt = 0;
                for (int i : idx) {
                    mx += log2Width[k][i];
                    mr += reasoning[k][i];
                    mt += truth[k][i];
                }
                mx /= idx.length;
                mr /= idx.length;
                mt /= idx.length;
                double sxx = 0;
                double sxr = 0;
                double sxt = 0;
                for (int i : idx) {
                    double dx = log2Width[k][i] - mx;
                    sxx += dx * dx;
                    sxr += dx * (reasoning[k][i] - mr);
                    sxt += dx * (truth[k][i] - mt);
                }
                if (!(sxx > 0)) {
                    continue; // one width only: not separable from the intercept
                }
                any = true;
                double br = sxr / sxx;
                double bt = sxt / sxx;
                for (int i : idx) {
                    double dx = log2Width[k][i] - mx;
                    double er = reasoning[k][i] - mr - br * dx;
                    double et = truth[k][i] - mt - bt * dx;
                    srt += er * et;
                    srr += er * er;
                    stt += et * et;
                }
            }
            if (!any || !(srr > 1e-30) || !(stt > 1e-30)) {
                return Double.NaN;
            }
            return Math.max(-1, Math.min(1, srt / Math.sqrt(srr * stt)));
        }

        /** Pooled z-scored correlation of R/log2 d and T/log2 d over the selected models with known width. */
        public double ratio(double[][] truth, int[][] selected) {
            double sum = 0;
            int n = 0;
            for (int k = 0; k < truth.length; k++) {
                int[] idx = withWidth(k, selected[k]);
                if (idx.length < MIN_MODELS) {
                    continue;
                }
                double[] rr = new double[idx.length];
                double[] tr = new double[idx.length];
                for (int j = 0; j < idx.length; j++) {
                    rr[j] = reasoningRatio[k][idx[j]];
                    tr[j] = truth[k][idx[j]] / log2Width[k][idx[j]];
                }
                double s = PooledPhaseCorrelation.zProductSum(rr, tr, null);
                if (!Double.isNaN(s)) {
                    sum += s;
                    n += idx.length;
                }
            }
            return n == 0 ? Double.NaN : Math.max(-1, Math.min(1, sum / n));
        }

        private int[] withWidth(int k, int[] idx) {
            int m = 0;
            for (int i : idx) {
                if (!Double.isNaN(log2Width[k][i])) {
                    m++;
                }
            }
            if (m == idx.length) {
                return idx;
            }
            int[] out = new int[m];
            m = 0;
            for (int i : idx) {
                if (!Double.isNaN(log2Width[k][i])) {
                    out[m++] = i;
                }
            }
            return out;
        }

        List<String> contributing(int[][] selected, List<FamilyScores> families) {
            List<String> out = new ArrayList<>();
            for (int k = 0; k < selected.length; k++) {
                if (separable(k, selected[k])) {
                    out.add(families.get(k).family());
                }
            }
            return out;
        }

        int models(int[][] selected) {
            int n = 0;
            for (int k = 0; k < selected.length; k++) {
                if (separable(k, selected[k])) {
                    n += withWidth(k, selected[k]).length;
                }
            }
            return n;
        }

        private boolean separable(int k, int[] selected) {
            int[] idx = withWidth(k, selected);
            return idx.length >= MIN_MODELS
                    && Arrays.stream(idx).mapToDouble(i -> log2Width[k][i]).distinct().count() > 1;
        }
    }

    /** The given indices (all when null) of models whose width is known. */
    private static int[] knownWidth(FamilyScores f, int[] idx) {
        int[] candidates = idx == null ? java.util.stream.IntStream.range(0, f.size()).toArray() : idx;
        return Arrays.stream(candidates).filter(i -> Double.isFinite(f.width()[i]) && f.width()[i] > 1).toArray();
    }

    private static double[][] truths(List<FamilyScores> families) {
        return families.stream().map(f -> f.truth().clone()).toArray(double[][]::new);
    }

    private static double[] pick(double[] v, int[] idx) {
        double[] out = new double[idx.length];
        for (int k = 0; k < idx.length; k++) {
            out[k] = v[idx[k]];
        }
        return out;
    }
}
