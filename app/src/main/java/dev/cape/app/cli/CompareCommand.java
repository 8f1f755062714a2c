package dev.cape.app.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.cape.analysis.compare.MatchedScaleComparison;
import dev.cape.analysis.compare.MatchedScaleComparison.Estimate;
import dev.cape.analysis.compare.MatchedScaleComparison.Point;
import dev.cape.analysis.data.Dataset;
import dev.cape.app.workflow.FamilyComparisons;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cape compare}: coupling of two families at matched scale with bootstrap intervals (spec §6). */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = "Coupling of two families at the same scale (interpolated c_f(x)) with bootstrap intervals, "
                + "and the equivalent scale at which family B's coupling first reaches family A's.")
public final class CompareCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--a", required = true, paramLabel = "FAMILY", description = "Family A (e.g. Qwen1.5).")
    String familyA;

    @Option(names = "--b", required = true, paramLabel = "FAMILY", description = "Family B (e.g. Qwen2.5).")
    String familyB;

    @Option(names = "--at", paramLabel = "N", description = "Compare at this size in billions (default: every size "
            + "of either family inside the overlap of their observed ranges).")
    Double at;

    @picocli.CommandLine.Mixin
    DataOption data;

    @Option(names = "--reasoning", split = ",", paramLabel = "IDS", defaultValue = "arc_c,gsm8k,mmlu",
            description = "Reasoning benchmarks averaged into R (default: ${DEFAULT-VALUE}).")
    List<String> reasoning;

    @Option(names = "--truth", paramLabel = "ID", defaultValue = "truthfulqa_mc2",
            description = "Truthfulness benchmark T (default: ${DEFAULT-VALUE}).")
    String truth;

    @Option(names = "--bandwidth", defaultValue = "0.4", description = "Kernel bandwidth h in decades (default: ${DEFAULT-VALUE}).")
    double bandwidth;

    @Option(names = "--bootstrap", defaultValue = "2000",
            description = "Bootstrap resamples per family (default: ${DEFAULT-VALUE}).")
    int bootstrap;

    @Option(names = "--seed", defaultValue = "1", description = "Seed of the bootstrap (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--format", defaultValue = "text", description = "text, json or markdown (default: ${DEFAULT-VALUE}).")
    DiagnoseCommand.Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report here instead of stdout.")
    Path out;

    @Override
    public Integer call() {
        OutputTarget.checkFile(out, "--out");
        Dataset dataset = data.load();
        MatchedScaleComparison.Result r = FamilyComparisons.compare(dataset, reasoning, truth, bandwidth, bootstrap,
                seed, familyA, familyB, at);
        String text = switch (format) {
            case json -> CliSupport.json(json(r, dataset.source(), reasoning, truth));
            case markdown -> text(r, dataset.source(), reasoning, truth, true);
            case text -> text(r, dataset.source(), reasoning, truth, false);
        };
        OutputTarget.write(text, out, spec.commandLine().getOut());
        return CapeCommand.EXIT_OK;
    }

    static JsonObject json(MatchedScaleComparison.Result r, String source, List<String> reasoning, String truth) {
        JsonObject root = new JsonObject();
        JsonObject p = CliSupport.provenance(source, r.settings().seed());
        p.add("reasoning", CliSupport.strings(reasoning));
        p.addProperty("truth", truth);
        p.addProperty("bandwidth", r.settings().bandwidth());
        p.addProperty("grid_points", r.settings().gridPoints());
        p.addProperty("bootstrap", r.settings().bootstrap());
        p.addProperty("confidence", r.settings().confidence());
        root.add("provenance", p);
        root.addProperty("family_a", r.familyA());
        root.addProperty("family_b", r.familyB());
        root.add("range_a_b", DiagnosisJson.pair(r.rangeA()[0], r.rangeA()[1]));
        root.add("range_b_b", DiagnosisJson.pair(r.rangeB()[0], r.rangeB()[1]));
        JsonArray points = new JsonArray();
        for (Point pt : r.points()) {
            JsonObject o = new JsonObject();
            o.add("params_b", CliSupport.num(pt.paramsB()));
            o.add("coupling_a", estimate(pt.couplingA()));
            o.add("coupling_b", estimate(pt.couplingB()));
            o.add("difference", estimate(pt.difference()));
            MatchedScaleComparison.Equivalent e = pt.equivalent();
            JsonObject eq = new JsonObject();
            eq.addProperty("status", e.status().id());
            eq.add("params_b", CliSupport.num(e.paramsB()));
            eq.add("ci95_b", CliSupport.interval(e.lowerB(), e.upperB()));
            eq.add("reached_share", CliSupport.num(e.reachedShare()));
            eq.addProperty("message", e.message());
            o.add("equivalent", eq);
            points.add(o);
        }
        root.add("points", points);
        return root;
    }

    private static JsonObject estimate(Estimate e) {
        JsonObject o = new JsonObject();
        o.add("value", CliSupport.num(e.value()));
        o.add("ci95", CliSupport.interval(e.lower(), e.upper()));
        o.addProperty("defined_resamples", e.defined());
        return o;
    }

    static String text(MatchedScaleComparison.Result r, String source, List<String> reasoning, String truth,
                       boolean markdown) {
        CliSupport.Doc d = new CliSupport.Doc(markdown);
        d.heading(1, "Matched-scale comparison: " + r.familyA() + " (A) vs " + r.familyB() + " (B)");
        d.para(String.format(Locale.ROOT, "Data: %s. R = mean(%s), T = %s; bandwidth h = %s decades; %d bootstrap "
                        + "resamples per family, %.0f%% percentile intervals; seed %d. %s observed %s, %s observed %s.",
                source, String.join(", ", reasoning), truth, CliSupport.fmt(r.settings().bandwidth()),
                r.settings().bootstrap(), 100 * r.settings().confidence(), r.settings().seed(), r.familyA(),
                range(r.rangeA()), r.familyB(), range(r.rangeB())));
        TextTable t = new TextTable("N (B)", "c_A", "c_A 95% CI", "c_B", "c_B 95% CI", "c_B - c_A", "95% CI",
                "equivalent N in B").right(0, 1, 3, 5);
        for (Point p : r.points()) {
            MatchedScaleComparison.Equivalent e = p.equivalent();
            String eq = switch (e.status()) {
                case REACHED -> CliSupport.fmt(e.paramsB()) + "B " + CliSupport.ci(e.lowerB(), e.upperB(),
                        v -> CliSupport.fmt(v) + "B");
                case AT_OR_BELOW_SMALLEST -> "<= " + CliSupport.fmt(e.paramsB()) + "B";
                case NEVER_WITHIN_RANGE -> "never within B's range";
                case UNDEFINED -> "undefined";
            };
            t.row(CliSupport.fmt(p.paramsB()), CliSupport.signed(p.couplingA().value()),
                    CliSupport.ci(p.couplingA().lower(), p.couplingA().upper(), CliSupport::signed),
                    CliSupport.signed(p.couplingB().value()),
                    CliSupport.ci(p.couplingB().lower(), p.couplingB().upper(), CliSupport::signed),
                    CliSupport.signed(p.difference().value()),
                    CliSupport.ci(p.difference().lower(), p.difference().upper(), CliSupport::signed), eq);
        }
        d.table(t);
        d.heading(2, "Equivalent scale");
        for (Point p : r.points()) {
            MatchedScaleComparison.Equivalent e = p.equivalent();
            d.item(e.message() + (Double.isNaN(e.reachedShare()) ? "" : String.format(Locale.ROOT,
                    " (reached inside B's range in %.0f%% of resamples)", 100 * e.reachedShare())));
        }
        return d.end().toString();
    }

    private static String range(double[] r) {
        return "[" + CliSupport.fmt(r[0]) + "B, " + CliSupport.fmt(r[1]) + "B]";
    }
}
