package dev.cape.app.cli;

import dev.cape.inference.direction.ActivationCollector;
import dev.cape.inference.direction.DirectionExtraction;
import dev.cape.inference.direction.DirectionFinder;
import dev.cape.inference.model.Progress;
import dev.cape.inference.direction.Vectors;
import dev.cape.inference.eval.GeneratedStatements;
import dev.cape.inference.eval.ModelFiles;
import dev.cape.inference.eval.StatementSet;
import dev.cape.inference.generate.GenerationOptions;
import dev.cape.inference.generate.Generator;
import dev.cape.inference.heads.CensusReport;
import dev.cape.inference.heads.HeadCensus;
import dev.cape.inference.model.LanguageModel;
import dev.cape.inference.steer.SteeringSession;
import dev.cape.inference.steer.SteeringVector;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Benchmarks of issue 5: direction extraction, the head census, steering overhead in decoding. */
final class SteeringBench {

    private SteeringBench() {
    }

    static String machine() {
        double load = -1;
        try {
            load = Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).split(" ")[0]);
        } catch (Exception e) {
            load = -1;
        }
        return String.format(Locale.ROOT, "%d cores, JVM %s, load average %s",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                load < 0 ? "unknown" : String.format(Locale.ROOT, "%.2f", load));
    }

    /** {@code cape bench direction}. */
    @Command(name = "direction", mixinStandardHelpOptions = true,
            description = "Wall time of direction extraction over all layers (activations + mass-mean + curve) for "
                    + "generated larger-than statements.")
    static final class Direction implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        ModelOptions model;

        @Option(names = "--statements", defaultValue = "2000", paramLabel = "N", description = "Statements (even)."
                + " Default: ${DEFAULT-VALUE}.")
        int statements;

        @Mixin
        BatchOption batch;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            StatementSet set = GeneratedStatements.generate(GeneratedStatements.Kind.LARGER_THAN, statements / 2, 1);
            try (LanguageModel m = model.load()) {
                out.printf(Locale.ROOT, "cape bench direction: %s, %d statements, %d layers; %s%n",
                        ModelFiles.id(model.path()), set.size(), m.spec().nLayers(), machine());
                DirectionExtraction.run(m, GeneratedStatements.generate(GeneratedStatements.Kind.LARGER_THAN, 32, 2),
                        DirectionFinder.withDefaults(), 0.5, 1, batch.size(), Progress.NONE);   // warm-up
                long t0 = System.nanoTime();
                var ids = ActivationCollector.encode(m, set.statements().stream().map(s -> s.text()).toList());
                var acts = ActivationCollector.residPostLastToken(m, ids, batch.size(), Progress.NONE);
                long t1 = System.nanoTime();
                var split = dev.cape.inference.eval.ItemSplit.of(set, 0.5, 1);
                String[] items = set.statements().stream().map(s -> s.item()).toArray(String[]::new);
                var report = DirectionFinder.withDefaults().find(acts, set.labels(), items, split, Progress.NONE);
                long t2 = System.nanoTime();
                out.printf(Locale.ROOT, "activations (all layers, one forward per batch): %.2f s (%.0f statements/s)%n",
                        (t1 - t0) / 1e9, set.size() / ((t1 - t0) / 1e9));
                out.printf(Locale.ROOT, "mass-mean directions, thresholds and held-out curve: %.3f s%n",
                        (t2 - t1) / 1e9);
                out.printf(Locale.ROOT, "total %.2f s; best layer %d, held-out accuracy %.3f%n", (t2 - t0) / 1e9,
                        report.bestLayer(), report.best().accuracy());
            }
            out.flush();
            return CapeCommand.EXIT_OK;
        }
    }

    /** {@code cape bench heads}. */
    @Command(name = "heads", mixinStandardHelpOptions = true,
            description = "Wall time of the head census (generated larger-than vs addition statements).")
    static final class Heads implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        ModelOptions model;

        @Option(names = "--pairs", defaultValue = "200", paramLabel = "N", description = "Items per set."
                + " Default: ${DEFAULT-VALUE}.")
        int pairs;

        @Option(names = "--permutations", defaultValue = "1000", paramLabel = "B", description = "Permutations."
                + " Default: ${DEFAULT-VALUE}.")
        int permutations;

        @Mixin
        BatchOption batch;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            StatementSet truth = GeneratedStatements.generate(GeneratedStatements.Kind.LARGER_THAN, pairs, 1);
            StatementSet reasoning = GeneratedStatements.generate(GeneratedStatements.Kind.ADDITION, pairs, 1);
            try (LanguageModel m = model.load()) {
                out.printf(Locale.ROOT, "cape bench heads: %s, %d + %d statements, %d heads, %d permutations; %s%n",
                        ModelFiles.id(model.path()), truth.size(), reasoning.size(), m.spec().nLayers() * m.spec().nHeads(),
                        permutations, machine());
                long t0 = System.nanoTime();
                CensusReport r = HeadCensus.withDefaults().withPermutations(permutations).withBatchSize(batch.size())
                        .run(m, truth, reasoning, Progress.NONE);
                long t1 = System.nanoTime();
                out.printf(Locale.ROOT, "census (one forward per batch capturing resid_post and every head's "
                        + "hook_result, two direction fits, nulls, ablation of candidates): %.2f s; competing heads: "
                        + "%d%n", (t1 - t0) / 1e9,
                        r.competing().size());
            }
            out.flush();
            return CapeCommand.EXIT_OK;
        }
    }

    /** {@code cape bench steer}. */
    @Command(name = "steer", mixinStandardHelpOptions = true,
            description = "Greedy decode tokens/s without and with a steering vector (alternating runs).")
    static final class Steer implements Callable<Integer> {
        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Mixin
        ModelOptions model;

        @Option(names = "--tokens", defaultValue = "128", paramLabel = "N", description = "Tokens per run."
                + " Default: ${DEFAULT-VALUE}.")
        int tokens;

        @Option(names = "--runs", defaultValue = "5", paramLabel = "N", description = "Timed runs of each kind."
                + " Default: ${DEFAULT-VALUE}.")
        int runs;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            try (LanguageModel m = model.load()) {
                var tok = m.tokenizer().orElseThrow();
                int[] prompt = tok.encode("Once upon a time", tok.bosByDefault());
                float[] u = new float[m.spec().dModel()];
                java.util.Random rnd = new java.util.Random(1);
                for (int i = 0; i < u.length; i++) {
                    u[i] = (float) rnd.nextGaussian();
                }
                SteeringVector v = new SteeringVector(m.spec().nLayers() / 2, Vectors.toFloat(Vectors.unit(
                        Vectors.toDouble(u))), 1.0);
                GenerationOptions o = GenerationOptions.withDefaults().withMaxTokens(tokens).withStopAtEos(false);
                out.printf(Locale.ROOT, "cape bench steer: %s, %d tokens per run, %d runs each, steering layer %d; "
                        + "%s%n", ModelFiles.id(model.path()), tokens, runs, v.layer(), machine());
                Generator.generate(m, prompt, o, null);   // warm-up
                double[] plain = new double[runs];
                double[] steered = new double[runs];
                for (int r = 0; r < runs; r++) {
                    long t0 = System.nanoTime();
                    int n = Generator.generate(m, prompt, o, null).tokens().length;
                    plain[r] = n / ((System.nanoTime() - t0) / 1e9);
                    try (SteeringSession s = SteeringSession.on(m).add(v, 4).open()) {
                        long t1 = System.nanoTime();
                        int k = Generator.generate(m, prompt, o, null).tokens().length;
                        steered[r] = k / ((System.nanoTime() - t1) / 1e9);
                    }
                }
                Arrays.sort(plain);
                Arrays.sort(steered);
                double a = plain[runs / 2];
                double b = steered[runs / 2];
                out.printf(Locale.ROOT, "unsteered: median %.1f tokens/s (min %.1f, max %.1f)%n", a, plain[0],
                        plain[runs - 1]);
                out.printf(Locale.ROOT, "steered:   median %.1f tokens/s (min %.1f, max %.1f)%n", b, steered[0],
                        steered[runs - 1]);
                out.printf(Locale.ROOT, "overhead of steering: %.1f%% (median against median)%n", 100 * (a - b) / a);
            }
            out.flush();
            return CapeCommand.EXIT_OK;
        }
    }
}
