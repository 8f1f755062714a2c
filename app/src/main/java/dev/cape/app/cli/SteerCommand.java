package dev.cape.app.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.cape.app.workflow.SteeringEvalSet;
import dev.cape.app.workflow.charts.ChartStyle;
import dev.cape.app.workflow.charts.SteeringSweepChart;
import dev.cape.inference.direction.DirectionFile;
import dev.cape.inference.eval.EvalTask;
import dev.cape.inference.eval.ModelFiles;
import dev.cape.inference.eval.SteeringEvaluation;
import dev.cape.inference.eval.TrueFalseTask;
import dev.cape.inference.generate.GenerationOptions;
import dev.cape.inference.model.LanguageModel;
import dev.cape.inference.model.ModelLoadException;
import dev.cape.inference.steer.SteeredGeneration;
import dev.cape.inference.steer.SteeringSession;
import dev.cape.inference.steer.SteeringVector;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cape steer}: steered against unsteered generation, or an α sweep over an evaluation set. */
@Command(name = "steer", mixinStandardHelpOptions = true,
        description = "Adds alpha·sigma·v (a direction from cape direction) to the residual stream of one "
                + "layer.%nWith --prompt: prints the unsteered and the steered continuation side by side.%nWith "
                + "--eval FILE: sweeps --alphas over held-out items of a statement CSV (\" True\"/\" False\" "
                + "completion) or TruthfulQA (MC1/MC2) and reports accuracy, corrected and broken shares and "
                + "the KL divergence on neutral text. When FILE is the file the direction was fitted on, only "
                + "the items of its test split are used. With --eval, --chart FILE also draws the sweep (the "
                + "steering console's figure).")
public final class SteerCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Option(names = "--vector", required = true, paramLabel = "FILE", description = "Direction file (safetensors).")
    Path vector;

    @Option(names = "--alpha", defaultValue = "4", paramLabel = "A",
            description = "Steering strength in units of sigma. Default: ${DEFAULT-VALUE}.")
    double alpha;

    @Option(names = "--layer", paramLabel = "L", description = "Layer to steer (default: the file's chosen layer).")
    Integer layer;

    @Option(names = "--site", defaultValue = "resid-post", description = "resid-post or resid-pre."
            + " Default: ${DEFAULT-VALUE}.")
    String site;

    @Option(names = "--new-tokens-only", description = "Steer only the generated tokens, not the prompt.")
    boolean newTokensOnly;

    @Option(names = "--prompt", paramLabel = "TEXT", description = "Prompt to continue.")
    String prompt;

    @Option(names = "--max-tokens", defaultValue = "48", paramLabel = "N", description = "New tokens at most."
            + " Default: ${DEFAULT-VALUE}.")
    int maxTokens;

    @Option(names = "--temperature", defaultValue = "0", paramLabel = "T", description = "0 = greedy."
            + " Default: ${DEFAULT-VALUE}.")
    double temperature;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Sampling seed (both runs)."
            + " Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--eval", paramLabel = "FILE", description = "Statement CSV, TruthfulQA file, bundled:NAME "
            + "or generated:KIND[:PAIRS[:SEED]] to evaluate on.")
    Path eval;

    @Option(names = "--alphas", defaultValue = "0,1,2,4,8", paramLabel = "LIST", split = ",",
            description = "Alphas of the sweep. Default: ${DEFAULT-VALUE}.")
    double[] alphas;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N", description = "Evaluate at most N items (0 = all)."
            + " Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--template", defaultValue = TrueFalseTask.DEFAULT_TEMPLATE, paramLabel = "TEXT",
            description = "Prompt for statements, with {statement}. Default: ${DEFAULT-VALUE}.")
    String template;

    @Mixin
    BatchOption batch;

    @Mixin
    TextOrJsonFormat format;

    @Mixin
    ChartFileOption chart;

    @Override
    public Integer call() {
        format.json();   // refuses an unknown --format before anything is loaded
        if ((prompt == null) == (eval == null)) {
            throw new IllegalArgumentException("give exactly one of --prompt and --eval");
        }
        if (prompt != null && chart.wanted()) {
            throw new IllegalArgumentException("--chart draws the sweep of --eval; a --prompt run has no figure");
        }
        chart.check();
        SteeringSession.Site s = switch (site) {
            case "resid-post" -> SteeringSession.Site.RESID_POST;
            case "resid-pre" -> SteeringSession.Site.RESID_PRE;
            default -> throw new IllegalArgumentException("--site must be resid-post or resid-pre: " + site);
        };
        requireFinite(prompt != null ? new double[] {alpha} : alphas);
        OptionChecks.atLeast("--limit", limit, 0);
        OptionChecks.atLeast("--max-tokens", maxTokens, 1);
        OptionChecks.nonNegative("--temperature", temperature);
        batch.size();
        DirectionFile.Stored stored = DirectionFile.read(vector);
        SteeringVector v = layer == null ? stored.chosen() : DirectionFile.layer(stored, layer, vector);
        PrintWriter out = spec.commandLine().getOut();
        try (LanguageModel lm = model.load()) {
            requireFits(lm, v);
            noteOtherModel(stored);
            if (prompt != null) {
                generate(lm, v, s, out);
            } else {
                evaluate(lm, stored, v, s, out);
            }
        }
        out.flush();
        return CapeCommand.EXIT_OK;
    }

    /** Refuses a NaN or infinite alpha before the model is loaded. */
    private static void requireFinite(double[] values) {
        for (double a : values) {
            if (!Double.isFinite(a)) {
                throw new IllegalArgumentException("--alpha/--alphas must be finite numbers: " + a);
            }
        }
    }

    /** Says so when the vector was fitted on a model of another name (same shape: it may be a copy or a sibling). */
    private void noteOtherModel(DirectionFile.Stored stored) {
        String fitted = stored.meta("model_id");
        String here = ModelFiles.id(model.path());
        if (!fitted.isEmpty() && !fitted.equals(here)) {
            spec.commandLine().getErr().println("cape: note: " + vector.getFileName() + " was fitted on '" + fitted
                    + "', this model is '" + here + "'");
        }
    }

    /** Refuses a direction fitted on a model of another shape, naming the file and the tensor. */
    private void requireFits(LanguageModel lm, SteeringVector v) {
        int layers = lm.spec().nLayers();
        int dModel = lm.spec().dModel();
        if (v.layer() >= layers) {
            throw new ModelLoadException(vector + ": tensor 'direction." + v.layer() + "' steers block " + v.layer()
                    + "; expected a block of this model (0.." + (layers - 1) + "): the direction was fitted on "
                    + "another model");
        }
        if (v.dim() != dModel) {
            throw new ModelLoadException(vector + ": tensor 'direction." + v.layer() + "' has " + v.dim()
                    + " values; expected " + dModel + " (d_model of " + model.path() + "): the direction was "
                    + "fitted on another model");
        }
    }

    private void generate(LanguageModel lm, SteeringVector v, SteeringSession.Site s, PrintWriter out) {
        var tokenizer = lm.tokenizer().orElseThrow(() -> new IllegalArgumentException("the model has no tokenizer"));
        int[] ids = tokenizer.encode(prompt, tokenizer.bosByDefault());
        GenerationOptions o = GenerationOptions.withDefaults().withMaxTokens(maxTokens).withTemperature(temperature)
                .withSeed(seed);
        SteeredGeneration.Comparison c = SteeredGeneration.compare(lm, ids, o,
                SteeringSession.on(lm).at(s).add(v, alpha), newTokensOnly);
        var tok = lm.tokenizer().get();
        String plain = tok.decodeContinuation(ids, c.unsteered().tokens());
        String steered = tok.decodeContinuation(ids, c.steered().tokens());
        if (format.json()) {
            JsonObject j = new JsonObject();
            j.addProperty("prompt", prompt);
            j.addProperty("layer", v.layer());
            j.addProperty("alpha", alpha);
            j.addProperty("sigma", v.sigma());
            j.addProperty("unsteered", plain);
            j.addProperty("steered", steered);
            out.println(new GsonBuilder().setPrettyPrinting().create().toJson(j));
            return;
        }
        out.printf(Locale.ROOT, "layer %d, alpha %s (%.4g per unit of sigma)%s%n", v.layer(), fmt(alpha), v.sigma(),
                newTokensOnly ? ", new tokens only" : "");
        sideBySide(out, "unsteered", prompt + plain, "steered (alpha " + fmt(alpha) + ")", prompt + steered, 48);
    }

    static void sideBySide(PrintWriter out, String leftTitle, String left, String rightTitle, String right, int w) {
        List<String> a = wrap(left, w);
        List<String> b = wrap(right, w);
        out.printf("%-" + w + "s | %s%n", leftTitle, rightTitle);
        out.println("-".repeat(w) + "-+-" + "-".repeat(w));
        for (int i = 0; i < Math.max(a.size(), b.size()); i++) {
            out.printf("%-" + w + "s | %s%n", i < a.size() ? a.get(i) : "", i < b.size() ? b.get(i) : "");
        }
    }

    static List<String> wrap(String text, int width) {
        List<String> lines = new ArrayList<>();
        for (String para : text.split("\n", -1)) {
            StringBuilder line = new StringBuilder();
            for (String word : para.split(" ")) {
                if (line.length() > 0 && line.length() + 1 + word.length() > width) {
                    lines.add(line.toString());
                    line.setLength(0);
                }
                while (word.length() > width) {
                    lines.add(word.substring(0, width));
                    word = word.substring(width);
                }
                if (line.length() > 0) {
                    line.append(' ');
                }
                line.append(word);
            }
            lines.add(line.toString());
        }
        return lines;
    }

    private void evaluate(LanguageModel lm, DirectionFile.Stored stored, SteeringVector v, SteeringSession.Site s,
            PrintWriter out) {
        SteeringEvalSet evalSet = SteeringEvalSet.of(eval, stored, limit, template, batch.size());
        EvalTask task = evalSet.task();
        String note = evalSet.note();
        SteeringEvaluation.Result r = SteeringEvaluation.sweep(lm, task, v, alphas, s,
                SteeringEvaluation.NEUTRAL_TEXTS, ConsoleProgress.forTerminal(spec.commandLine().getErr())::progress);
        Path figure = chart.write(() -> SteeringSweepChart.build(r, ChartStyle.plain(), v.sigma()));
        if (format.json()) {
            JsonObject j = new JsonObject();
            j.addProperty("layer", r.layer());
            j.addProperty("baseline_accuracy", r.baselineAccuracy());
            j.add("baseline_mc2", num(r.baselineMc2()));
            JsonArray arr = new JsonArray();
            for (SteeringEvaluation.Point p : r.points()) {
                JsonObject o = new JsonObject();
                o.addProperty("alpha", p.alpha());
                o.addProperty("accuracy", p.accuracy());
                o.add("corrected_share", num(p.correctedShare()));
                o.add("broken_share", num(p.brokenShare()));
                o.addProperty("kl", p.kl());
                o.add("mc2", num(p.mc2()));
                arr.add(o);
            }
            j.add("alphas", arr);
            j.addProperty("n_items", r.nItems());
            j.addProperty("unit", r.unit());
            j.addProperty("data", note);
            j.addProperty("sigma", v.sigma());
            out.println(new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(j));
            return;
        }
        boolean mc2 = !Double.isNaN(r.baselineMc2());
        out.printf(Locale.ROOT, "%s: %d %s; layer %d, sigma %.4g; accuracy without steering %.3f%s%n", note,
                r.nItems(), r.unit(), r.layer(), v.sigma(), r.baselineAccuracy(),
                mc2 ? String.format(Locale.ROOT, " (MC1), MC2 %.3f", r.baselineMc2()) : "");
        TextTable t = mc2 ? new TextTable("alpha", "accuracy", "corrected", "broken", "KL (nats)", "MC2")
                .right(0, 1, 2, 3, 4, 5) : new TextTable("alpha", "accuracy", "corrected", "broken", "KL (nats)")
                .right(0, 1, 2, 3, 4);
        for (SteeringEvaluation.Point p : r.points()) {
            String[] row = {fmt(p.alpha()), DirectionCommand.f3(p.accuracy()), DirectionCommand.f3(p.correctedShare()),
                DirectionCommand.f3(p.brokenShare()), String.format(Locale.ROOT, "%.4f", p.kl()),
                DirectionCommand.f3(p.mc2())};
            t.row(mc2 ? row : Arrays.copyOf(row, 5));
        }
        out.print(t.text(""));
        if (figure != null) {
            out.printf("wrote %s%n", figure);
        }
    }

    private static com.google.gson.JsonElement num(double v) {
        return Double.isNaN(v) ? com.google.gson.JsonNull.INSTANCE : new com.google.gson.JsonPrimitive(v);
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : Double.toString(v);
    }

}
