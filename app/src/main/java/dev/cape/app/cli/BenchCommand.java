package dev.cape.app.cli;

import dev.cape.analysis.data.Dataset;
import dev.cape.analysis.diagnosis.DiagnosisOptions;
import dev.cape.analysis.diagnosis.PhaseDiagnosis;
import dev.cape.analysis.resampling.ProgressListener;
import java.io.PrintWriter;
import java.nio.file.Path;
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
        description = "Benchmarks that print wall times.",
        subcommands = {BenchCommand.Diagnose.class, BenchCommand.Ode.class, BenchCommand.Report.class,
            BenchCommand.Forward.class, SteeringBench.Direction.class, SteeringBench.Heads.class,
            SteeringBench.Steer.class})
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

        @Mixin
        Repetitions repetitions;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Dataset dataset = data.load();
            PhaseDiagnosis diagnosis = PhaseDiagnosis.with(DiagnosisOptions.defaults());
            header(out, "diagnose", dataset.source() + ", " + dataset.models().size() + " models");
            time(out, "full default diagnosis", repetitions, () -> diagnosis.run(dataset, ProgressListener.NONE));
            return CapeCommand.EXIT_OK;
        }
    }

    /** The {@code --warmup} and {@code --runs} options of every timing benchmark. */
    static final class Repetitions {
        @Option(names = "--warmup", defaultValue = "3", description = "Untimed runs first (default: ${DEFAULT-VALUE}).")
        int warmup;

        @Option(names = "--runs", defaultValue = "5", description = "Timed runs (default: ${DEFAULT-VALUE}).")
        int runs;
    }

    /**
     * Runs {@code job} warm-up times untimed, then times it; prints each run's wall time and the CPU time of the
     * whole process during it (all threads, JIT and GC included: a figure less sensitive to other load), then
     * min/median/max of both.
     */
    static void time(PrintWriter out, String label, Repetitions repetitions, Runnable job) {
        int warmup = repetitions.warmup;
        int runs = repetitions.runs;
        if (warmup < 0 || runs < 1) {
            throw new IllegalArgumentException("--warmup must be >= 0 and --runs >= 1: " + warmup + ", " + runs);
        }
        for (int i = 0; i < warmup; i++) {
            job.run();
            out.printf(Locale.ROOT, "warm-up %d done%n", i + 1);
            out.flush();
        }
        double[] seconds = new double[runs];
        double[] cpu = new double[runs];
        for (int i = 0; i < runs; i++) {
            long c0 = processCpuNanos();
            long t0 = System.nanoTime();
            job.run();
            seconds[i] = (System.nanoTime() - t0) / 1e9;
            cpu[i] = (processCpuNanos() - c0) / 1e9;
            out.printf(Locale.ROOT, "run %d: %.3f s wall, %.3f s CPU%n", i + 1, seconds[i], cpu[i]);
            out.flush();
        }
        double[] sorted = seconds.clone();
        Arrays.sort(sorted);
        double[] sortedCpu = cpu.clone();
        Arrays.sort(sortedCpu);
        out.printf(Locale.ROOT, "%s: min %.3f s, median %.3f s, max %.3f s over %d runs (CPU: min %.3f s, "
                + "median %.3f s)%n", label, sorted[0], sorted[runs / 2], sorted[runs - 1], runs, sortedCpu[0],
                sortedCpu[runs / 2]);
    }

    private static long processCpuNanos() {
        return java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os ? os.getProcessCpuTime() : 0;
    }

    static void header(PrintWriter out, String name, String what) {
        out.printf(Locale.ROOT, "cape bench %s: %s; %d cores, JVM %s, load average %s%n", name, what,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), loadAverage());
    }

    private static String loadAverage() {
        double l = java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        return l < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", l);
    }

    /** Times {@code cape ode --lambda cv}: λ cross-validated over all families, hold-out and nested-CV LOFO. */
    @Command(name = "ode", mixinStandardHelpOptions = true,
            description = "Wall time of the ODE analysis with lambda chosen by leave-one-family-out cross-validation "
                    + "over all families (fit, Llama-2 hold-out and leave-one-family-out table, each with its CV, "
                    + "and the eigenstructure), after warm-up runs.")
    static final class Ode implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        DataOption data;

        @Mixin
        Repetitions repetitions;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Dataset dataset = data.load();
            dev.cape.analysis.ode.Sindy sindy = OdeCommand.sindy(2, "cv", dev.cape.analysis.data.Benchmarks
                    .DEFAULT_REASONING, dev.cape.analysis.data.Benchmarks.DEFAULT_TRUTH);
            header(out, "ode", dataset.source() + ", " + dataset.models().size() + " models, lambda by CV");
            time(out, "ode with lambda by cross-validation", repetitions, () -> dev.cape.analysis.ode.OdeStudy.run(
                    sindy, dev.cape.analysis.ode.Eigenstructure.withDefaults(), dataset,
                    dev.cape.analysis.ode.Sindy.DEFAULT_HELD_OUT));
            return CapeCommand.EXIT_OK;
        }
    }

    /** Times {@code cape report} end to end with the default settings, writing into a temporary directory. */
    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Wall time of cape report end to end (read the bundled data, every computation with the "
                    + "default resample counts, write report.md and report.json), after warm-up runs.")
    static final class Report implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Mixin
        Repetitions repetitions;

        @Override
        public Integer call() throws java.io.IOException {
            PrintWriter out = spec.commandLine().getOut();
            java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("cape-bench-report");
            try {
                header(out, "report", "bundled data, default settings, output in a temporary directory");
                time(out, "report end to end", repetitions, () -> {
                    java.io.StringWriter sink = new java.io.StringWriter();
                    int code = CapeCommand.run(new PrintWriter(sink), new PrintWriter(sink), "report", "--out",
                            dir.toString());
                    if (code != CapeCommand.EXIT_OK) {
                        throw new IllegalStateException("cape report failed with exit code " + code + ": " + sink);
                    }
                });
            } finally {
                ReportCommand.deleteTree(dir);
            }
            return CapeCommand.EXIT_OK;
        }
    }

    /** Load time, prefill and KV-cached decode throughput, and peak memory of a model. */
    @Command(name = "forward", mixinStandardHelpOptions = true,
            description = "Benchmarks a model: reading its weight files from the page cache, loading it, "
                    + "prefill (batch 1 x --prefill tokens) and KV-cached greedy decoding (--decode tokens), "
                    + "peak RSS (VmHWM) against the float32 weight bytes, and (unless --no-profile) a JFR "
                    + "split of the decoding thread's time between libtorch calls and Java. Token ids are "
                    + "random (--seed).")
    static final class Forward implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @picocli.CommandLine.ArgGroup(exclusive = true, multiplicity = "1")
        Target target;

        static final class Target {
            @Option(names = "--model", paramLabel = "DIR|model.bin",
                    description = "Hugging Face model folder, llama2.c model.bin, or a folder holding model.bin.")
            Path model;

            @Option(names = "--random-llama", paramLabel = "SIZE",
                    description = "Build a random-weight llama model of this size (125m: 124.7M parameters; tiny)"
                            + " in a temporary folder, benchmark it, delete it.")
            String randomLlama;
        }

        @Mixin
        DeviceAndDtype runtime;

        @Option(names = "--prefill", defaultValue = "128", paramLabel = "N",
                description = "Prompt tokens (batch 1). Default: ${DEFAULT-VALUE}.")
        int prefill;

        @Option(names = "--decode", defaultValue = "128", paramLabel = "N",
                description = "Tokens decoded with the KV cache. Default: ${DEFAULT-VALUE}.")
        int decode;

        @Option(names = "--runs", defaultValue = "3", paramLabel = "N",
                description = "Timed runs after one warm-up (medians are reported); also the number of loads after"
                        + " the first (the best is reported, as the best of N + 1 reads). Default: ${DEFAULT-VALUE}.")
        int runs;

        @Option(names = "--seed", defaultValue = "1", paramLabel = "S",
                description = "Seed of the token ids and random weights. Default: ${DEFAULT-VALUE}.")
        long seed;

        @Option(names = "--no-profile", description = "Skip the extra decode recorded under JFR.")
        boolean noProfile;

        @Option(names = "--save-random", paramLabel = "DIR",
                description = "With --random-llama: write the model into DIR (created if needed) and keep it, instead"
                        + " of a temporary folder that is deleted (to benchmark the same weights elsewhere).")
        Path saveRandom;

        @Option(names = "--threads", paramLabel = "N",
                description = "libtorch intra-op threads (default: libtorch's choice, one per core). Sets the system"
                        + " property ai.djl.pytorch.num_threads before the engine starts.")
        Integer threads;

        @Override
        public Integer call() throws java.io.IOException {
            PrintWriter out = spec.commandLine().getOut();
            if (threads != null) {
                if (threads < 1) {
                    throw new IllegalArgumentException("--threads must be >= 1: " + threads);
                }
                System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            }
            ForwardBenchmark bench = new ForwardBenchmark(out,
                    new ForwardBenchmark.Settings(runtime.device(), runtime.dtype(), prefill, decode,
                            runs, seed, !noProfile));
            if (target.model != null) {
                bench.run(target.model, target.model.toString());
                return CapeCommand.EXIT_OK;
            }
            RandomLlama random = RandomLlama.of(target.randomLlama);
            Path folder = saveRandom != null ? saveRandom
                    : java.nio.file.Files.createTempDirectory("cape-random-llama-");
            try {
                long t0 = System.nanoTime();
                random.write(folder, seed);
                out.printf(Locale.ROOT, "random llama %s: %,d parameters (d_model %d, %d layers, %d/%d heads, MLP %d,"
                        + " vocab %d, untied), written to %s in %.1f s (seed %d)%n", random.name(),
                        random.parameters(), random.dModel(), random.layers(), random.heads(), random.kvHeads(),
                        random.dMlp(), random.vocab(), folder, (System.nanoTime() - t0) / 1e9, seed);
                out.flush();
                bench.run(folder, "random llama " + random.name());
            } finally {
                if (saveRandom == null) {
                    RandomLlama.delete(folder);
                }
            }
            return CapeCommand.EXIT_OK;
        }
    }
}
