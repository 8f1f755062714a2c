package dev.cape.analysis.diagnosis;

import dev.cape.analysis.coupling.CouplingCurve;
import dev.cape.analysis.coupling.CriticalScale;
import dev.cape.analysis.coupling.FamilyScores;
import dev.cape.analysis.coupling.KernelCoupling;
import dev.cape.analysis.data.Dataset;
import dev.cape.analysis.phase.Phase;
import dev.cape.analysis.phase.PhaseSelector;
import dev.cape.analysis.phase.PooledPhaseCorrelation;
import dev.cape.analysis.phase.PooledPhaseCorrelation.Selection;
import dev.cape.analysis.resampling.FamilyBootstrap;
import dev.cape.analysis.resampling.FamilyCriticalScale;
import dev.cape.analysis.resampling.MeanCriticalScale;
import dev.cape.analysis.resampling.ProgressListener;
import dev.cape.analysis.resampling.RandomStreams;
import dev.cape.analysis.resampling.StratifiedPermutationTest;
import dev.cape.analysis.width.WidthNormalisation;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

/**
 * The whole phase diagnosis of a data set from public scores (spec §1–5): composites, coupling curves, phases,
 * N_c per family with bootstrap intervals, the mean N_c, pooled phase correlations with permutation tests,
 * and width normalisation. Deterministic for a given seed: every random step draws from its own stream.
 */
public final class PhaseDiagnosis {

    // stream ids of the random steps, fixed so that adding a step never changes another's draws
    static final int STREAM_FAMILY_BOOTSTRAP = 1;
    static final int STREAM_POOLED_TAX = 2;
    static final int STREAM_POOLED_COOPERATIVE = 3;
    static final int STREAM_MEAN_NC = 4;
    static final int STREAM_WIDTH = 5;

    private final DiagnosisOptions options;

    private PhaseDiagnosis(DiagnosisOptions options) {
        this.options = options;
    }

    public static PhaseDiagnosis with(DiagnosisOptions options) {
        return new PhaseDiagnosis(options);
    }

    public DiagnosisOptions options() {
        return options;
    }

    /** Runs the diagnosis; stops with {@link java.util.concurrent.CancellationException} when interrupted. */
    public DiagnosisResult run(Dataset data, ProgressListener progress) {
        Composites.Split split = Composites.of(data, options.reasoning(), options.truth());
        KernelCoupling coupling = KernelCoupling.withDefaults().withBandwidth(options.bandwidth());
        RandomStreams root = RandomStreams.of(options.seed());
        List<FamilyDiagnosis> families = diagnoseFamilies(split.families(), coupling,
                root.child(STREAM_FAMILY_BOOTSTRAP), progress);

        StratifiedPermutationTest permutation = StratifiedPermutationTest.withDefaults()
                .withPermutations(options.permutations());
        PooledPhaseCorrelation pooled = PooledPhaseCorrelation.withDefaults()
                .with(coupling).withTau(options.tau()).with(options.selection());
        WidthNormalisation widthNormalisation = WidthNormalisation.withDefaults().with(coupling)
                .withTau(options.tau()).with(options.selection());
        PooledPhaseCorrelation.Result tax;
        PooledPhaseCorrelation.Result cooperative;
        WidthNormalisation.Result width;
        if (options.selection() == Selection.RESELECT) {
            // one pass over the permutations: the phase selection is computed once for all four statistics
            tax = pooled.with(Phase.TAX).statistic(split.families());
            cooperative = pooled.with(Phase.COOPERATIVE).statistic(split.families());
            width = widthNormalisation.test(split.families(), permutation, root.child(STREAM_WIDTH), progress, false);
            List<StratifiedPermutationTest.Result> joint = jointTests(split.families(), coupling, permutation,
                    root.child(STREAM_POOLED_TAX), progress);
            tax = withTest(tax, joint.get(0));
            cooperative = withTest(cooperative, joint.get(1));
            width = new WidthNormalisation.Result(width.all(), width.allTest(), width.partialRTax(),
                    Double.isNaN(width.partialRTax()) ? null : joint.get(2), width.taxFamilies(), width.taxModels(),
                    width.ratioRTax(), Double.isNaN(width.ratioRTax()) ? null : joint.get(3), width.selection());
        } else {
            tax = pooled.with(Phase.TAX).test(split.families(), permutation, root.child(STREAM_POOLED_TAX), progress);
            cooperative = pooled.with(Phase.COOPERATIVE)
                    .test(split.families(), permutation, root.child(STREAM_POOLED_COOPERATIVE), progress);
            width = widthNormalisation.test(split.families(), permutation, root.child(STREAM_WIDTH), progress);
        }
        MeanCriticalScale.Result meanNc = MeanCriticalScale.withDefaults()
                .withBootstrapSamples(options.bootstrap()).withStreams(root.child(STREAM_MEAN_NC))
                .withProgress(progress).fit(criticalScales(families));
        return new DiagnosisResult(data.source(), data.importNotes(), options, families, split.excluded(), tax,
                cooperative, meanNc, width);
    }

    /**
     * The re-selecting permutation tests of the pooled tax r, the pooled cooperative r, and the tax-region partial
     * and ratio width statistics, on the same permutations of T within families.
     */
    private List<StratifiedPermutationTest.Result> jointTests(List<FamilyScores> families, KernelCoupling coupling,
                                                              StratifiedPermutationTest permutation,
                                                              RandomStreams streams, ProgressListener progress) {
        List<FamilyScores> usable = WidthNormalisation.usable(families);
        double[][] reasoning = usable.stream().map(FamilyScores::reasoning).toArray(double[][]::new);
        double[][] truth = usable.stream().map(f -> f.truth().clone()).toArray(double[][]::new);
        WidthNormalisation.TaxRegionStatistics region = new WidthNormalisation.TaxRegionStatistics(usable);
        double tau = options.tau();
        return permutation.testAll(truth, () -> {
            PhaseSelector selector = new PhaseSelector(usable, coupling, Phase.TAX, tau);
            int max = usable.stream().mapToInt(FamilyScores::size).max().orElse(0);
            double[] c = new double[max];
            int[][] taxSel = new int[usable.size()][];
            int[][] coopSel = new int[usable.size()][];
            return (t, out) -> {
                for (int k = 0; k < t.length; k++) {
                    selector.couplings(k, t[k], c);
                    taxSel[k] = PhaseSelector.select(c, t[k].length, Phase.TAX, tau);
                    coopSel[k] = PhaseSelector.select(c, t[k].length, Phase.COOPERATIVE, tau);
                }
                out[0] = PooledPhaseCorrelation.pooled(reasoning, t, taxSel);
                out[1] = PooledPhaseCorrelation.pooled(reasoning, t, coopSel);
                out[2] = region.partial(t, taxSel);
                out[3] = region.ratio(t, taxSel);
            };
        }, 4, streams, progress);
    }

    private static PooledPhaseCorrelation.Result withTest(PooledPhaseCorrelation.Result r,
                                                          StratifiedPermutationTest.Result test) {
        return new PooledPhaseCorrelation.Result(r.phase(), r.r(), r.nModels(), r.nFamilies(), r.families(),
                Double.isNaN(r.r()) ? null : test, r.selection());
    }

    /** N_c of every family with a crossing or a censored curve; no-upward-crossing and undefined ones are left out. */
    static List<FamilyCriticalScale> criticalScales(List<FamilyDiagnosis> families) {
        List<FamilyCriticalScale> out = new ArrayList<>();
        for (FamilyDiagnosis f : families) {
            CriticalScale nc = f.nc();
            switch (nc.status()) {
                case CROSSING -> out.add(FamilyCriticalScale.exact(f.family(), nc.log10Value()));
                case LEFT_CENSORED -> out.add(FamilyCriticalScale.below(f.family(), nc.log10Value()));
                case RIGHT_CENSORED -> out.add(FamilyCriticalScale.above(f.family(), nc.log10Value()));
                default -> { }
            }
        }
        return out;
    }

    private List<FamilyDiagnosis> diagnoseFamilies(List<FamilyScores> scores, KernelCoupling coupling,
                                                   RandomStreams streams, ProgressListener progress) {
        FamilyBootstrap bootstrap = FamilyBootstrap.withDefaults().withResamples(options.familyBootstrap());
        FamilyDiagnosis[] out = new FamilyDiagnosis[scores.size()];
        AtomicInteger done = new AtomicInteger();
        IntStream.range(0, scores.size()).parallel().forEach(k -> {
            out[k] = diagnoseFamily(scores.get(k), coupling, bootstrap, streams, k);
            progress.progress("family bootstrap", done.incrementAndGet(), scores.size());
        });
        return List.of(out);
    }

    private FamilyDiagnosis diagnoseFamily(FamilyScores f, KernelCoupling coupling, FamilyBootstrap bootstrap,
                                           RandomStreams streams, int index) {
        List<Phase> phases = new ArrayList<>();
        if (f.size() < KernelCoupling.MIN_MODELS) {
            for (int i = 0; i < f.size(); i++) {
                phases.add(Phase.UNDEFINED);
            }
            return new FamilyDiagnosis(f, null, phases, new CriticalScale(CriticalScale.Status.UNDEFINED, Double.NaN),
                    null, "fewer than " + KernelCoupling.MIN_MODELS + " models with all selected scores");
        }
        CouplingCurve curve = coupling.fit(f);
        for (double c : curve.modelC()) {
            phases.add(Phase.of(c, options.tau()));
        }
        CriticalScale nc = CriticalScale.of(curve);
        String note = "";
        if (nc.status() == CriticalScale.Status.UNDEFINED) {
            note = "coupling undefined: reasoning or truthfulness is constant within the family";
        }
        FamilyBootstrap.Result boot = bootstrap.bootstrap(f, coupling, streams.stream(index), streams.seed());
        if (boot.drawn() == 0) {
            note = note.isEmpty() ? "fewer than 3 distinct sizes: no bootstrap interval" : note;
        } else if (f.size() == 3 && f.distinctSizes() == 3 && note.isEmpty()) {
            // a kept resample needs 3 distinct sizes, so with 3 models it is the family itself
            note = "3 models: every kept bootstrap resample is the family itself, so the N_c interval has no width";
        }
        return new FamilyDiagnosis(f, curve, List.copyOf(phases), nc, boot, note);
    }
}
