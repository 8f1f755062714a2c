package dev.cape.app.cli;

import dev.cape.analysis.data.Dataset;
import dev.cape.analysis.diagnosis.DiagnosisOptions;
import dev.cape.analysis.diagnosis.PhaseDiagnosis;
import dev.cape.analysis.resampling.ProgressListener;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code cape bench}: wall-time benchmarks that print figures (recorded in docs/benchmarks.md). */
@Command(name = "bench", mixinStandardHelpOptions = true,
        description = "Benchmarks that print wall times.", subcommands = BenchCommand.Diagnose.class)
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return CapeCommand.EXIT_USAGE;
    }

    /** Times the full default diagnosis after JVM warm-up. */
    @Command(name = "diagnose", mixinStandardHelpOptions = true,
            description = "Wall time of the full default diagnosis (100,000 permutations, 10,000 + 2,000 bootstraps) "
                    + "on the bundled data, after warm-up runs.")
    static final class Diagnose implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DataOption data;

        @Option(names = "--warmup", defaultValue = "3", description = "Untimed runs first (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--runs", defaultValue = "5", description = "Timed runs (default: ${DEFAULT-VALUE}).")
        int runs;

        @Override
        public Integer call() {
            if (warmup < 0 || runs < 1) {
                throw new IllegalArgumentException("--warmup must be >= 0 and --runs >= 1: " + warmup + ", " + runs);
            }
            PrintWriter out = spec.commandLine().getOut();
            Dataset dataset = data.load();
            PhaseDiagnosis diagnosis = PhaseDiagnosis.with(DiagnosisOptions.defaults());
            out.printf(Locale.ROOT, "cape bench diagnose: %s, %d models; %d cores, JVM %s%n", dataset.source(),
                    dataset.models().size(), Runtime.getRuntime().availableProcessors(),
                    System.getProperty("java.version"));
            for (int i = 0; i < warmup; i++) {
                diagnosis.run(dataset, ProgressListener.NONE);
                out.printf(Locale.ROOT, "warm-up %d done%n", i + 1);
                out.flush();
            }
            double[] seconds = new double[runs];
            for (int i = 0; i < runs; i++) {
                long t0 = System.nanoTime();
                diagnosis.run(dataset, ProgressListener.NONE);
                seconds[i] = (System.nanoTime() - t0) / 1e9;
                out.printf(Locale.ROOT, "run %d: %.3f s%n", i + 1, seconds[i]);
                out.flush();
            }
            double[] sorted = seconds.clone();
            Arrays.sort(sorted);
            out.printf(Locale.ROOT, "full default diagnosis: min %.3f s, median %.3f s, max %.3f s over %d runs%n",
                    sorted[0], sorted[runs / 2], sorted[runs - 1], runs);
            return CapeCommand.EXIT_OK;
        }
    }
}
