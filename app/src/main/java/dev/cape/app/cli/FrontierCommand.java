package dev.cape.app.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.cape.analysis.data.DataFormatException;
import dev.cape.analysis.frontier.FrontierCorrelation;
import dev.cape.analysis.frontier.FrontierTable;
import dev.cape.analysis.frontier.Interval;
import dev.cape.analysis.resampling.RandomStreams;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cape frontier}: reasoning–truthfulness correlation across frontier models (spec §8). */
@Command(name = "frontier", mixinStandardHelpOptions = true,
        description = "Pearson and Spearman correlation of reasoning and truthfulness across frontier models, with "
                + "permutation p, bootstrap CI, Fisher CI and t-test cross-checks, and a per-lab summary.")
public final class FrontierCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--data", paramLabel = "FILE",
            description = "CSV with columns model, lab, reasoning_score, truth_score (default: the bundled "
                    + "frontier_models.csv).")
    Path data;

    @Option(names = "--permutations", defaultValue = "100000",
            description = "Random permutations (exact enumeration when n! is not larger) (default: ${DEFAULT-VALUE}).")
    int permutations;

    @Option(names = "--bootstrap", defaultValue = "10000", description = "Bootstrap resamples (default: ${DEFAULT-VALUE}).")
    int bootstrap;

    @Option(names = "--seed", defaultValue = "1", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", defaultValue = "text", description = "text, json or markdown (default: ${DEFAULT-VALUE}).")
    DiagnoseCommand.Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report here instead of stdout.")
    Path out;

    /** The bundled table, or the user's file. */
    static FrontierTable table(Path data) {
        if (data == null) {
            return FrontierTable.readBundled();
        }
        return FrontierTable.read(data);
    }

    /** The table, refusing one with too few complete rows for a correlation, naming the file. */
    private static FrontierTable atLeastThree(FrontierTable t) {
        if (t.models().size() < 3) {
            throw new DataFormatException(t.source(), 0, null, "found " + t.models().size() + " model"
                    + (t.models().size() == 1 ? "" : "s") + " with both scores" + (t.excluded().isEmpty() ? ""
                    : " (excluded: " + String.join("; ", t.excluded()) + ")") + "; expected at least 3 for a "
                    + "correlation");
        }
        return t;
    }

    @Override
    public Integer call() {
        OutputTarget.checkFile(out, "--out");
        FrontierCorrelation fc = FrontierCorrelation.withDefaults().withPermutations(permutations)
                .withBootstrap(bootstrap).withRandom(RandomStreams.of(seed))
                .withProgress(ConsoleProgress.forTerminal(spec.commandLine().getErr()));
        FrontierTable table = atLeastThree(table(data));
        FrontierCorrelation.Result r = fc.test(table);
        String text = format == DiagnoseCommand.Format.json ? CliSupport.json(json(table, r))
                : text(table, r, format == DiagnoseCommand.Format.markdown);
        OutputTarget.write(text, out, spec.commandLine().getOut());
        return CapeCommand.EXIT_OK;
    }

    static JsonObject json(FrontierTable table, FrontierCorrelation.Result r) {
        JsonObject root = new JsonObject();
        JsonObject p = CliSupport.provenance(table.source(), r.settings().seed());
        p.addProperty("permutations", r.settings().permutations());
        p.addProperty("permutation_method", r.settings().permutationMethod().name().toLowerCase(Locale.ROOT));
        p.addProperty("permutations_used", r.settings().permutationsUsed());
        p.addProperty("bootstrap", r.settings().bootstrap());
        p.addProperty("confidence", r.settings().confidence());
        p.add("notes", CliSupport.strings(table.notes()));
        p.add("excluded", CliSupport.strings(table.excluded()));
        root.add("provenance", p);
        root.addProperty("n_models", r.n());
        root.addProperty("n_labs", r.labs().size());
        root.add("pearson", estimate(r.pearson()));
        root.add("spearman", estimate(r.spearman()));
        root.addProperty("bootstrap_undefined", r.bootstrapUndefined());
        JsonArray labs = new JsonArray();
        for (FrontierCorrelation.LabSummary l : r.labs()) {
            JsonObject o = new JsonObject();
            o.addProperty("lab", l.lab());
            o.addProperty("n", l.n());
            o.add("mean_reasoning", CliSupport.num(l.meanReasoning()));
            o.add("mean_truth", CliSupport.num(l.meanTruth()));
            labs.add(o);
        }
        root.add("labs", labs);
        return root;
    }

    private static JsonObject estimate(FrontierCorrelation.Estimate e) {
        JsonObject o = new JsonObject();
        o.add("r", CliSupport.num(e.r()));
        o.add("permutation_p", CliSupport.num(e.permutationP()));
        o.add("bootstrap_ci95", interval(e.bootstrapCi()));
        o.add("t_test_p", CliSupport.num(e.tTestP()));
        o.add("fisher_ci95", interval(e.fisherCi()));
        return o;
    }

    private static JsonElement interval(Optional<Interval> i) {
        return i.<JsonElement>map(v -> DiagnosisJson.pair(v.lower(), v.upper())).orElse(JsonNull.INSTANCE);
    }

    static String text(FrontierTable table, FrontierCorrelation.Result r, boolean markdown) {
        CliSupport.Doc d = new CliSupport.Doc(markdown);
        d.heading(1, "Frontier diagnostics of " + table.source());
        d.para(String.format(Locale.ROOT, "%d models from %d labs; %s permutation test (%d permutations), %d bootstrap "
                        + "resamples, %.0f%% intervals; seed %d.", r.n(), r.labs().size(),
                r.settings().permutationMethod() == FrontierCorrelation.PermutationMethod.EXACT ? "exact" : "Monte Carlo",
                r.settings().permutationsUsed(), r.settings().bootstrap(), 100 * r.settings().confidence(),
                r.settings().seed()));
        TextTable t = new TextTable("measure", "r", "permutation p", "bootstrap 95% CI", "t-test p", "Fisher 95% CI")
                .right(1, 2, 4);
        for (FrontierCorrelation.Estimate e : new FrontierCorrelation.Estimate[] {r.pearson(), r.spearman()}) {
            t.row(e.measure() == FrontierCorrelation.Measure.PEARSON ? "Pearson" : "Spearman", CliSupport.signed(e.r()),
                    DiagnosisReport.pValue(e.permutationP()), ci(e.bootstrapCi()), DiagnosisReport.pValue(e.tTestP()),
                    e.fisherCi().isPresent() ? ci(e.fisherCi()) : "-");
        }
        d.table(t);
        d.para("Paper: r = +0.72 over 34 models from 10 labs.");
        d.heading(2, "Per lab");
        TextTable lt = new TextTable("lab", "models", "mean reasoning", "mean truth").right(1, 2, 3);
        for (FrontierCorrelation.LabSummary l : r.labs()) {
            lt.row(l.lab(), Integer.toString(l.n()), CliSupport.fix(l.meanReasoning()), CliSupport.fix(l.meanTruth()));
        }
        d.table(lt);
        for (String n : table.notes()) {
            d.item("Note: " + n);
        }
        for (String x : table.excluded()) {
            d.item("Excluded: " + x);
        }
        return d.end().toString();
    }

    private static String ci(Optional<Interval> i) {
        return i.map(v -> CliSupport.ci(v.lower(), v.upper(), CliSupport::signed)).orElse("(no interval)");
    }
}
