package dev.cape.app.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.cape.analysis.data.Dataset;
import dev.cape.analysis.ode.CompositeScores;
import dev.cape.analysis.ode.Pca;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cape pca}: principal components of the standardised benchmark matrix (spec §7). */
@Command(name = "pca", mixinStandardHelpOptions = true,
        description = "PCA of the standardised benchmark matrix (models with every chosen benchmark): eigenvalues, "
                + "explained variance and loadings.")
public final class PcaCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @picocli.CommandLine.Mixin
    DataOption data;

    @Option(names = "--benchmarks", split = ",", paramLabel = "IDS",
            defaultValue = "arc_c,gsm8k,mmlu,hellaswag,winogrande,truthfulqa_mc2",
            description = "Benchmark columns (default: ${DEFAULT-VALUE}).")
    List<String> benchmarks;

    @Option(names = "--format", defaultValue = "text", description = "text, json or markdown (default: ${DEFAULT-VALUE}).")
    DiagnoseCommand.Format format;

    @Option(names = "--out", paramLabel = "FILE", description = "Write the report here instead of stdout.")
    Path out;

    @Override
    public Integer call() {
        OutputTarget.checkFile(out, "--out");
        Dataset dataset = data.load();
        for (String b : benchmarks) {
            if (!dataset.benchmarks().contains(b)) {
                throw new IllegalArgumentException("benchmark '" + b + "' is not in " + dataset.source()
                        + "; available: " + String.join(", ", dataset.benchmarks()));
            }
        }
        Pca.Result r = Pca.withDefaults().withBenchmarks(benchmarks).fit(dataset);
        String text = format == DiagnoseCommand.Format.json ? CliSupport.json(json(r, dataset.source()))
                : text(r, dataset.source(), format == DiagnoseCommand.Format.markdown);
        OutputTarget.write(text, out, spec.commandLine().getOut());
        return CapeCommand.EXIT_OK;
    }

    static JsonObject json(Pca.Result r, String source) {
        JsonObject root = new JsonObject();
        JsonObject p = CliSupport.provenance(source, 0);
        p.remove("seed");
        p.addProperty("random", "none: PCA is deterministic");
        p.add("benchmarks", CliSupport.strings(r.benchmarks()));
        p.addProperty("standardisation", "z = (x - mean) / sd, sd with ddof = 1 (correlation matrix)");
        p.addProperty("sign_convention", "largest-magnitude entry of each direction positive");
        root.add("provenance", p);
        root.addProperty("n_models", r.models().size());
        JsonArray means = new JsonArray();
        r.means().forEach(v -> means.add(CliSupport.num(v)));
        root.add("means", means);
        JsonArray sds = new JsonArray();
        r.standardDeviations().forEach(v -> sds.add(CliSupport.num(v)));
        root.add("standard_deviations", sds);
        JsonArray comps = new JsonArray();
        for (Pca.Component c : r.components()) {
            JsonObject o = new JsonObject();
            o.addProperty("component", c.index());
            o.add("eigenvalue", CliSupport.num(c.eigenvalue()));
            o.add("explained_variance_ratio", CliSupport.num(c.explainedVarianceRatio()));
            o.add("cumulative_ratio", CliSupport.num(c.cumulativeRatio()));
            JsonObject loadings = new JsonObject();
            JsonObject direction = new JsonObject();
            for (int j = 0; j < r.benchmarks().size(); j++) {
                loadings.add(r.benchmarks().get(j), CliSupport.num(c.loadings().get(j)));
                direction.add(r.benchmarks().get(j), CliSupport.num(c.direction().get(j)));
            }
            o.add("loadings", loadings);
            o.add("direction", direction);
            comps.add(o);
        }
        root.add("components", comps);
        JsonArray excluded = new JsonArray();
        for (CompositeScores.Excluded e : r.excluded()) {
            JsonObject o = new JsonObject();
            o.addProperty("model", e.model());
            o.addProperty("family", e.family());
            o.addProperty("reason", e.reason());
            excluded.add(o);
        }
        root.add("excluded", excluded);
        return root;
    }

    static String text(Pca.Result r, String source, boolean markdown) {
        CliSupport.Doc d = new CliSupport.Doc(markdown);
        d.heading(1, "PCA of the standardised benchmark matrix of " + source);
        d.para(String.format(Locale.ROOT, "%d models with every one of %s (%d excluded for a missing score); columns "
                        + "standardised with the sample sd, so this is the eigen-decomposition of the correlation "
                        + "matrix. Loadings = direction * sqrt(eigenvalue).", r.models().size(),
                String.join(", ", r.benchmarks()), r.excluded().size()));
        String[] header = new String[4 + r.benchmarks().size()];
        header[0] = "PC";
        header[1] = "eigenvalue";
        header[2] = "explained";
        header[3] = "cumulative";
        int[] right = new int[header.length];
        for (int j = 0; j < r.benchmarks().size(); j++) {
            header[4 + j] = r.benchmarks().get(j);
        }
        for (int j = 0; j < header.length; j++) {
            right[j] = j;
        }
        TextTable t = new TextTable(header).right(right);
        for (Pca.Component c : r.components()) {
            String[] row = new String[header.length];
            row[0] = "PC" + c.index();
            row[1] = String.format(Locale.ROOT, "%.4f", c.eigenvalue());
            row[2] = String.format(Locale.ROOT, "%.1f%%", 100 * c.explainedVarianceRatio());
            row[3] = String.format(Locale.ROOT, "%.1f%%", 100 * c.cumulativeRatio());
            for (int j = 0; j < r.benchmarks().size(); j++) {
                row[4 + j] = String.format(Locale.ROOT, "%+.3f", c.loadings().get(j));
            }
            t.row(row);
        }
        d.table(t);
        return d.toString();
    }
}
