package dev.cape.app.cli;

import dev.cape.analysis.diagnosis.DiagnosisOptions;
import dev.cape.analysis.phase.PooledPhaseCorrelation.Selection;
import java.util.List;
import picocli.CommandLine.Option;

/** The settings of a phase diagnosis as command-line options, shared by the commands that run one. */
public final class DiagnosisSettings {

    @Option(names = "--reasoning", split = ",", paramLabel = "IDS",
            description = "Reasoning benchmarks averaged into R (default: ${DEFAULT-VALUE}).",
            defaultValue = "arc_c,gsm8k,mmlu")
    List<String> reasoning;

    @Option(names = "--truth", paramLabel = "ID", defaultValue = "truthfulqa_mc2",
            description = "Truthfulness benchmark T (default: ${DEFAULT-VALUE}).")
    String truth;

    @Option(names = "--bandwidth", defaultValue = "0.4", description = "Kernel bandwidth h in decades (default: ${DEFAULT-VALUE}).")
    double bandwidth;

    @Option(names = "--tau", defaultValue = "0.2", description = "Phase threshold τ (default: ${DEFAULT-VALUE}).")
    double tau;

    @Option(names = "--permutations", defaultValue = "100000",
            description = "Permutations of the pooled tax/cooperative tests and the width tests "
                    + "(default: ${DEFAULT-VALUE}).")
    int permutations;

    @Option(names = "--bootstrap", defaultValue = "10000",
            description = "Bootstrap resamples over families for the mean N_c (default: ${DEFAULT-VALUE}).")
    int bootstrap;

    @Option(names = "--family-bootstrap", defaultValue = "2000",
            description = "Bootstrap resamples per family for N_c (default: ${DEFAULT-VALUE}).")
    int familyBootstrap;

    @Option(names = "--naive-selection",
            description = "Keep the observed phase selection fixed under permutation (the naive test).")
    boolean naiveSelection;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of every random step (default: ${DEFAULT-VALUE}).")
    long seed;

    /** The options, validated (a bad value is an IllegalArgumentException naming it: exit code 2). */
    public DiagnosisOptions options() {
        return new DiagnosisOptions(reasoning, truth, bandwidth, tau, permutations, bootstrap, familyBootstrap,
                naiveSelection ? Selection.FIXED : Selection.RESELECT, seed);
    }
}
