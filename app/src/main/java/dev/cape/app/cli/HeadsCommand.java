package dev.cape.app.cli;

import dev.cape.app.workflow.StatementSources;
import dev.cape.app.workflow.charts.ChartStyle;
import dev.cape.app.workflow.charts.HeadMapChart;
import dev.cape.app.workflow.charts.HeadMetric;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.cape.inference.eval.StatementSet;
import dev.cape.inference.heads.CensusReport;
import dev.cape.inference.heads.HeadCensus;
import dev.cape.inference.heads.HeadResult;
import dev.cape.inference.model.LanguageModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cape heads}: the attention-head census against truth and reasoning directions. */
@Command(name = "heads", mixinStandardHelpOptions = true,
        header = "Finds competing attention heads: truth and reasoning effects of every head, with permutation nulls.",
        description = "Projects every attention head's last-token output (attn.hook_result) on its layer's "
                + "truth direction and on a reasoning direction, in sigma units, against label-permutation "
                + "and random-direction nulls with family-wise correction over heads. A competing head is "
                + "significantly negative on truth and significantly positive on reasoning; candidates are "
                + "verified by mean-ablation (change of the truth probe's margin).")
public final class HeadsCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Option(names = "--truth", required = true, paramLabel = "FILE",
            description = "True/false statements (CSV, TruthfulQA, bundled:NAME or "
                    + "generated:KIND[:PAIRS[:SEED]]).")
    String truth;

    @Option(names = "--reasoning", required = true, paramLabel = "FILE",
            description = "Reasoning contrast set: correct (1) vs incorrect (0) statements (CSV, "
                    + "bundled:NAME or generated:KIND[:PAIRS[:SEED]]), e.g. generated:addition.")
    String reasoning;

    @Option(names = "--limit", defaultValue = "200", paramLabel = "N",
            description = "Items drawn from each set (0 = all). Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--permutations", defaultValue = "1000", paramLabel = "B", description = "Label permutations."
            + " Default: ${DEFAULT-VALUE}.")
    int permutations;

    @Option(names = "--random-directions", defaultValue = "100", paramLabel = "R",
            description = "Random directions of the second null. Default: ${DEFAULT-VALUE}.")
    int randomDirections;

    @Option(names = "--alpha", defaultValue = "0.05", paramLabel = "A", description = "Family-wise level."
            + " Default: ${DEFAULT-VALUE}.")
    double alpha;

    @Option(names = "--ablate", defaultValue = "candidates", description = "none, candidates or all."
            + " Default: ${DEFAULT-VALUE}.")
    String ablate;

    @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of every random step."
            + " Default: ${DEFAULT-VALUE}.")
    long seed;

    @Mixin
    BatchOption batch;

    @Mixin
    TextOrJsonFormat format;

    @Mixin
    ChartFileOption chart;

    @Option(names = "--chart-metric", defaultValue = "truth-z", paramLabel = "METRIC",
            description = "What the head map of --chart colours: truth-z, reasoning-z, truth-sigma, reasoning-sigma"
                    + " or ablation. Default: ${DEFAULT-VALUE}.")
    String chartMetric;

    @Override
    public Integer call() {
        boolean json = format.json();
        HeadCensus.Ablate a = switch (ablate) {
            case "none" -> HeadCensus.Ablate.NONE;
            case "candidates" -> HeadCensus.Ablate.CANDIDATES;
            case "all" -> HeadCensus.Ablate.ALL;
            default -> throw new IllegalArgumentException("--ablate must be none, candidates or all: " + ablate);
        };
        chart.check();
        OptionChecks.atLeast("--limit", limit, 0);
        OptionChecks.atLeast("--permutations", permutations, 1);
        OptionChecks.atLeast("--random-directions", randomDirections, 0);
        OptionChecks.unitInterval("--alpha", alpha, false);
        batch.size();
        HeadMetric metric = HeadMetric.parse(chartMetric);
        StatementSet t = StatementSources.limitItems(StatementSources.read(truth), limit, seed);
        StatementSet r = StatementSources.limitItems(StatementSources.read(reasoning), limit, seed);
        CensusReport report;
        try (LanguageModel lm = model.load()) {
            report = HeadCensus.withDefaults().withPermutations(permutations).withRandomDirections(randomDirections)
                    .withAlpha(alpha).withSeed(seed).withBatchSize(batch.size()).with(a)
                    .run(lm, t, r, ConsoleProgress.forTerminal(spec.commandLine().getErr())::progress);
        }
        Path figure = chart.write(() -> HeadMapChart.build(report, metric, ChartStyle.plain()));
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            JsonObject j = json(report, t, r);
            if (figure != null) {
                j.addProperty("chart", figure.toString());
            }
            out.println(new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(j));
        } else {
            text(report, t, r, out);
            if (figure != null) {
                out.println("head map (" + metric.id() + "): " + figure);
            }
        }
        out.flush();
        return CapeCommand.EXIT_OK;
    }

    static JsonObject json(CensusReport report, StatementSet truth, StatementSet reasoning) {
        JsonObject j = new JsonObject();
        j.addProperty("n_heads", report.heads().size());
        JsonArray heads = new JsonArray();
        for (HeadResult h : report.heads()) {
            JsonObject o = new JsonObject();
            o.addProperty("layer", h.layer());
            o.addProperty("head", h.head());
            o.add("truth_z", num(h.truthZ()));
            o.add("reasoning_z", num(h.reasoningZ()));
            o.addProperty("competing", h.competing());
            o.add("ablation_effect", num(h.ablationEffect()));
            o.add("truth_effect_sigma", num(h.truthEffect()));
            o.add("reasoning_effect_sigma", num(h.reasoningEffect()));
            o.add("truth_p_fwer", num(h.truthP()));
            o.add("reasoning_p_fwer", num(h.reasoningP()));
            o.add("truth_random_direction_p", num(h.truthRandomP()));
            heads.add(o);
        }
        j.add("heads", heads);
        JsonArray comp = new JsonArray();
        for (HeadResult h : report.competing()) {
            JsonObject o = new JsonObject();
            o.addProperty("layer", h.layer());
            o.addProperty("head", h.head());
            comp.add(o);
        }
        j.add("competing", comp);
        j.addProperty("probe_layer", report.probeLayer());
        j.addProperty("probe_accuracy", report.probeAccuracy());
        j.addProperty("probe_margin", report.baseMargin());
        j.addProperty("permutations", report.permutations());
        j.addProperty("random_directions", report.randomDirections());
        j.addProperty("alpha", report.alpha());
        j.addProperty("seed", report.seed());
        j.addProperty("truth_data", truth.name());
        j.addProperty("reasoning_data", reasoning.name());
        return j;
    }

    private static void text(CensusReport report, StatementSet t, StatementSet r, PrintWriter out) {
        out.printf(Locale.ROOT, "head census: truth %s (%d statements), reasoning %s (%d statements)%n", t.name(),
                t.size(), r.name(), r.size());
        out.printf(Locale.ROOT, "truth probe at layer %d: held-out accuracy %.3f, mean signed margin %.3f sigma; "
                + "%d permutations, %d random directions, family-wise alpha %s, seed %d%n", report.probeLayer(),
                report.probeAccuracy(), report.baseMargin(), report.permutations(), report.randomDirections(),
                report.alpha(), report.seed());
        TextTable table = new TextTable("layer", "head", "truth (sigma)", "truth z", "p(neg, fwer)", "p(random)",
                "reasoning (sigma)", "reasoning z", "p(pos, fwer)", "competing", "ablation").right(0, 1, 2, 3, 4, 5, 6,
                7, 8, 10);
        for (HeadResult h : report.heads()) {
            table.row(Integer.toString(h.layer()), Integer.toString(h.head()), f(h.truthEffect()), f(h.truthZ()),
                    f(h.truthP()), f(h.truthRandomP()), f(h.reasoningEffect()), f(h.reasoningZ()), f(h.reasoningP()),
                    h.competing() ? "yes" : "", f(h.ablationEffect()));
        }
        out.print(table.text(""));
        if (report.competing().isEmpty()) {
            out.printf("no competing heads: none of the %d heads is significantly negative on truth and significantly "
                    + "positive on reasoning at family-wise alpha %s%n", report.heads().size(), report.alpha());
        } else {
            StringBuilder sb = new StringBuilder();
            report.competing().forEach(h -> sb.append(String.format(Locale.ROOT, " L%dH%d (ablation %+.3f sigma)",
                    h.layer(), h.head(), h.ablationEffect())));
            out.println(report.competing().size() + " competing head(s):" + sb);
        }
    }

    private static String f(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }

    private static JsonElement num(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? JsonNull.INSTANCE : new JsonPrimitive(v);
    }
}
