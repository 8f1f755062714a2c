package dev.cape.app.cli;

import dev.cape.app.workflow.StatementSources;
import dev.cape.app.workflow.charts.ChartStyle;
import dev.cape.app.workflow.charts.DirectionLayersChart;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.cape.inference.direction.DirectionExtraction;
import dev.cape.inference.direction.DirectionFile;
import dev.cape.inference.direction.DirectionFinder;
import dev.cape.inference.direction.DirectionFitter;
import dev.cape.inference.direction.DirectionMethod;
import dev.cape.inference.direction.DirectionReport;
import dev.cape.inference.direction.LayerDirection;
import dev.cape.inference.direction.StatementBos;
import dev.cape.inference.eval.ModelFiles;
import dev.cape.inference.eval.StatementSet;
import dev.cape.inference.model.LanguageModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cape direction}: a truth direction per layer, the held-out accuracy curve, and the vector file. */
@Command(name = "direction", mixinStandardHelpOptions = true,
        header = "Fits a truth direction at every layer from labelled statements and saves the vectors.",
        description = "Fits a truth direction at every layer from labelled statements (last-token "
                + "hook_resid_post), prints the held-out accuracy of each layer's projection classifier, and "
                + "saves the directions (with σ and provenance) as safetensors; the best layer is the one "
                + "used for steering by default.%nWith --chart FILE, also draws the accuracy by layer (the "
                + "steering console's figure).")
public final class DirectionCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Mixin
    ModelOptions model;

    @Option(names = "--data", required = true, paramLabel = "FILE",
            description = "statement,label CSV; TruthfulQA CSV or mc_task.json; bundled:NAME; or "
                    + "generated:KIND[:PAIRS[:SEED]].")
    String data;

    @Option(names = "--method", defaultValue = "mass-mean", paramLabel = "M",
            description = "mass-mean, logistic, pca or pca-uncentred. Default: ${DEFAULT-VALUE}.")
    String method;

    @Option(names = "--split-seed", defaultValue = "1", paramLabel = "S", description = "Seed of the split by item."
            + " Default: ${DEFAULT-VALUE}.")
    long splitSeed;

    @Option(names = "--test-share", defaultValue = "0.5", paramLabel = "F",
            description = "Share of items held out. Default: ${DEFAULT-VALUE}.")
    double testShare;

    @Option(names = "--limit", defaultValue = "0", paramLabel = "N",
            description = "Use N items drawn with the split seed (0 = all). Default: ${DEFAULT-VALUE}.")
    int limit;

    @Option(names = "--l2", defaultValue = "0.01", paramLabel = "λ", description = "L2 penalty of the logistic probe."
            + " Default: ${DEFAULT-VALUE}.")
    double l2;

    @Option(names = "--bos", defaultValue = "default", paramLabel = "default|none",
            description = "Start each statement with BOS by the tokenizer's convention (default; llama2.c "
                    + "always does) or never (none, as a pipeline encoding with bos=False). Default: "
                    + "${DEFAULT-VALUE}.")
    String bos;

    @Option(names = "--compare-all", description = "Also fit the logistic probe at every layer to report its cosine.")
    boolean compareAll;

    @Mixin
    BatchOption batch;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Vector file to write (safetensors).")
    Path out;

    @Mixin
    TextOrJsonFormat format;

    @Mixin
    ChartFileOption chart;

    @Override
    public Integer call() {
        boolean json = format.json();
        chart.check();
        OutputTarget.checkFile(out, "--out");
        OptionChecks.atLeast("--limit", limit, 0);
        OptionChecks.unitInterval("--test-share", testShare, false);
        OptionChecks.positive("--l2", l2);
        batch.size();
        DirectionMethod m = DirectionMethod.parse(method);
        StatementBos statementBos = StatementBos.parse(bos);
        StatementSet set = StatementSources.limitItems(StatementSources.read(data), limit, splitSeed);
        PrintWriter err = spec.commandLine().getErr();
        var progress = ConsoleProgress.forTerminal(err);
        DirectionReport report;
        try (LanguageModel lm = model.load()) {
            DirectionFinder finder = DirectionFinder.withDefaults().with(m)
                    .with(DirectionFitter.withDefaults().withL2(l2).withSeed(splitSeed)).withAllCosines(compareAll);
            report = DirectionExtraction.run(lm, set, finder, testShare, splitSeed, batch.size(), statementBos,
                    progress::progress).report();
        }
        DirectionFile.write(DirectionFile.of(report, new DirectionFile.Provenance(ModelFiles.id(model.path()),
                ModelFiles.sha256(model.path()), set.name(), set.sha256(), testShare, statementBos, limit)), out);
        Path figure = chart.write(() -> DirectionLayersChart.build(report, ChartStyle.plain()));
        PrintWriter o = spec.commandLine().getOut();
        if (json) {
            o.println(new GsonBuilder().setPrettyPrinting().serializeSpecialFloatingPointValues().create()
                    .toJson(json(report, statementBos)));
        } else {
            o.printf(Locale.ROOT, "%s on %s: %d train / %d test statements (split by item, seed %d; BOS %s)%n",
                    m.id(), set.name(), report.nTrain(), report.nTest(), report.splitSeed(), statementBos.id());
            TextTable t = new TextTable("layer", "accuracy", "train acc", "cos(mass-mean)", "sigma", "other cosines");
            for (LayerDirection d : report.layers()) {
                StringBuilder other = new StringBuilder();
                d.cosines().forEach((k, v) -> {
                    if (!k.equals(m.id())) {
                        other.append(String.format(Locale.ROOT, "%s %.3f ", k, v));
                    }
                });
                t.row(Integer.toString(d.layer()), f3(d.accuracy()), f3(d.trainAccuracy()), f3(d.cosineToMassMean()),
                        String.format(Locale.ROOT, "%.4g", d.sigma()), other.toString().trim());
            }
            o.print(t.right(0, 1, 2, 3, 4).text(""));
            o.printf(Locale.ROOT, "best layer %d: held-out accuracy %.3f, sigma %.4g; wrote %s%n", report.bestLayer(),
                    report.best().accuracy(), report.best().sigma(), out);
            if (figure != null) {
                o.printf("wrote %s%n", figure);
            }
        }
        o.flush();
        return CapeCommand.EXIT_OK;
    }

    JsonObject json(DirectionReport r, StatementBos statementBos) {
        JsonObject j = new JsonObject();
        j.addProperty("method", r.method().id());
        JsonArray layers = new JsonArray();
        for (LayerDirection d : r.layers()) {
            JsonObject l = new JsonObject();
            l.addProperty("layer", d.layer());
            l.addProperty("accuracy", d.accuracy());
            l.addProperty("cosine_to_mass_mean", d.cosineToMassMean());
            l.addProperty("train_accuracy", d.trainAccuracy());
            l.addProperty("sigma", d.sigma());
            l.addProperty("threshold", d.threshold());
            JsonObject cos = new JsonObject();
            d.cosines().forEach(cos::addProperty);
            l.add("cosines", cos);
            layers.add(l);
        }
        j.add("layers", layers);
        j.addProperty("best_layer", r.bestLayer());
        j.addProperty("best_accuracy", r.best().accuracy());
        j.addProperty("sigma", r.best().sigma());
        j.addProperty("n_train", r.nTrain());
        j.addProperty("n_test", r.nTest());
        j.addProperty("split_seed", r.splitSeed());
        j.addProperty("statement_bos", statementBos.id());
        j.addProperty("out", out.toString());
        return j;
    }

    static String f3(double v) {
        return Double.isNaN(v) ? "-" : String.format(Locale.ROOT, "%.3f", v);
    }
}
