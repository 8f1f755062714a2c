package dev.cape.analysis.diagnosis;

import dev.cape.analysis.coupling.KernelCoupling;
import dev.cape.analysis.data.Benchmarks;
import dev.cape.analysis.phase.Phase;
import dev.cape.analysis.phase.PooledPhaseCorrelation.Selection;
import dev.cape.analysis.resampling.FamilyBootstrap;
import dev.cape.analysis.resampling.StratifiedPermutationTest;
import java.util.List;

/**
 * Every setting of a phase diagnosis (spec §1–5); recorded in the result as provenance.
 *
 * @param reasoning         reasoning benchmarks averaged into R
 * @param truth             truthfulness benchmark T
 * @param bandwidth         kernel bandwidth h (decades)
 * @param tau               phase threshold τ
 * @param permutations      permutations of the pooled and width tests
 * @param bootstrap         bootstrap resamples over families for the mean N_c
 * @param familyBootstrap   bootstrap resamples per family for N_c
 * @param selection         re-run the phase selection under permutation, or keep it fixed (naive)
 * @param seed              seed of every random stream
 */
public record DiagnosisOptions(List<String> reasoning, String truth, double bandwidth, double tau, int permutations,
                               int bootstrap, int familyBootstrap, Selection selection, long seed) {

    public static final int DEFAULT_BOOTSTRAP = 10_000;

    public DiagnosisOptions {
        reasoning = List.copyOf(reasoning);
        if (reasoning.isEmpty()) {
            throw new IllegalArgumentException("reasoning benchmarks must not be empty");
        }
        KernelCoupling.withDefaults().withBandwidth(bandwidth);
        Phase.checkTau(tau);
        if (permutations < 1) {
            throw new IllegalArgumentException("permutations must be >= 1: " + permutations);
        }
        if (bootstrap < 1) {
            throw new IllegalArgumentException("bootstrap must be >= 1: " + bootstrap);
        }
        if (familyBootstrap < 1) {
            throw new IllegalArgumentException("family bootstrap must be >= 1: " + familyBootstrap);
        }
    }

    /** The defaults of the method. */
    public static DiagnosisOptions defaults() {
        return new DiagnosisOptions(Benchmarks.DEFAULT_REASONING, Benchmarks.DEFAULT_TRUTH,
                KernelCoupling.DEFAULT_BANDWIDTH, Phase.DEFAULT_TAU, StratifiedPermutationTest.DEFAULT_PERMUTATIONS,
                DEFAULT_BOOTSTRAP, FamilyBootstrap.DEFAULT_RESAMPLES, Selection.RESELECT, 1L);
    }

    public DiagnosisOptions withReasoning(List<String> r) {
        return new DiagnosisOptions(r, truth, bandwidth, tau, permutations, bootstrap, familyBootstrap, selection, seed);
    }

    public DiagnosisOptions withTruth(String t) {
        return new DiagnosisOptions(reasoning, t, bandwidth, tau, permutations, bootstrap, familyBootstrap, selection, seed);
    }

    public DiagnosisOptions withBandwidth(double h) {
        return new DiagnosisOptions(reasoning, truth, h, tau, permutations, bootstrap, familyBootstrap, selection, seed);
    }

    public DiagnosisOptions withTau(double t) {
        return new DiagnosisOptions(reasoning, truth, bandwidth, t, permutations, bootstrap, familyBootstrap, selection, seed);
    }

    public DiagnosisOptions withPermutations(int b) {
        return new DiagnosisOptions(reasoning, truth, bandwidth, tau, b, bootstrap, familyBootstrap, selection, seed);
    }

    public DiagnosisOptions withBootstrap(int b) {
        return new DiagnosisOptions(reasoning, truth, bandwidth, tau, permutations, b, familyBootstrap, selection, seed);
    }

    public DiagnosisOptions withFamilyBootstrap(int b) {
        return new DiagnosisOptions(reasoning, truth, bandwidth, tau, permutations, bootstrap, b, selection, seed);
    }

    public DiagnosisOptions with(Selection s) {
        return new DiagnosisOptions(reasoning, truth, bandwidth, tau, permutations, bootstrap, familyBootstrap, s, seed);
    }

    public DiagnosisOptions withSeed(long s) {
        return new DiagnosisOptions(reasoning, truth, bandwidth, tau, permutations, bootstrap, familyBootstrap, selection, s);
    }
}
