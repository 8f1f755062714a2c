package dev.cape.app.cli;

import dev.cape.analysis.data.Dataset;
import dev.cape.analysis.ode.Eigenstructure;
import dev.cape.analysis.ode.OdeStudy;
import dev.cape.analysis.ode.Sindy;
import dev.cape.analysis.ode.ThresholdSelection;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cape ode}: sparse-regression ODE of (R, T) along log10 N, hold-out, leave-one-family-out, eigenstructure. */
@Command(name = "ode", mixinStandardHelpOptions = true,
        description = "SINDy fit of dR/dx and dT/dx (x = log10 N) over all families, prediction of a held-out family "
                + "from its smallest size, leave-one-family-out table, and the eigenstructure of the fitted field.")
public final class OdeCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    DataOption data;

    @Option(names = "--holdout", paramLabel = "FAMILY", defaultValue = Sindy.DEFAULT_HELD_OUT,
            description = "Family to hold out and predict (default: ${DEFAULT-VALUE}).")
    String holdout;

    @Option(names = "--order", defaultValue = "2", description = "Polynomial order of the library (default: ${DEFAULT-VALUE}).")
    int order;

    @Option(names = "--lambda", defaultValue = "0.05", paramLabel = "λ|cv",
            description = "STLSQ threshold, or 'cv' to choose it by leave-one-family-out cross-validation "
                    + "(default: ${DEFAULT-VALUE}).")
    String lambda;

    @Option(names = "--reasoning", split = ",", paramLabel = "IDS", defaultValue = "arc_c,gsm8k,mmlu",
            description = "Reasoning benchmarks averaged into R (default: ${DEFAULT-VALUE}).")
    List<String> reasoning;

    @Option(names = "--truth", paramLabel = "ID", defaultValue = "truthfulqa_mc2",
            description = "Truthfulness benchmark T (default: ${DEFAULT-VALUE}).")
    String truth;

    @Option(names = "--seed", defaultValue = "1",
            description = "Recorded in the provenance; the ODE analysis has no random step (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", defaultValue = "text", description = "text, json or markdown (default: ${DEFAULT-VALUE}).")
    DiagnoseCommand.Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report here instead of stdout.")
    Path out;

    /** The SINDy configuration of the given options; {@code lambda} is a number ≥ 0 or "cv". */
    static Sindy sindy(int order, String lambda, List<String> reasoning, String truth) {
        Sindy s = Sindy.withDefaults().withScores(dev.cape.analysis.ode.CompositeScores.withDefaults()
                .withReasoning(reasoning).withTruth(truth)).withOrder(order);
        if (lambda.strip().equalsIgnoreCase("cv")) {
            return s.with(ThresholdSelection.CROSS_VALIDATED);
        }
        double l;
        try {
            l = Double.parseDouble(lambda.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--lambda must be a number >= 0 or 'cv': " + lambda);
        }
        return s.withThreshold(l);
    }

    @Override
    public Integer call() {
        OutputTarget.checkFile(out, "--out");
        Sindy s = sindy(order, lambda, reasoning, truth).withProgress(ConsoleProgress.forTerminal(
                spec.commandLine().getErr()));
        Dataset dataset = data.load();
        OdeStudy study = OdeStudy.run(s, Eigenstructure.withDefaults(), dataset, holdout);
        String text = switch (format) {
            case json -> CliSupport.json(OdeJson.toJson(study, dataset.source(), seed));
            case markdown -> OdeReport.render(study, dataset.source(), seed, true);
            case text -> OdeReport.render(study, dataset.source(), seed, false);
        };
        OutputTarget.write(text, out, spec.commandLine().getOut());
        return CapeCommand.EXIT_OK;
    }

    static String pct(java.util.OptionalDouble v) {
        return v.isPresent() ? String.format(Locale.ROOT, "%.2f%%", v.getAsDouble()) : "undefined";
    }
}
