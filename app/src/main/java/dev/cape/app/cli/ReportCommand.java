package dev.cape.app.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.cape.analysis.data.Dataset;
import dev.cape.analysis.diagnosis.DiagnosisOptions;
import dev.cape.analysis.frontier.FrontierTable;
import dev.cape.analysis.report.ReproductionReport;
import dev.cape.analysis.report.ReproductionReport.Row;
import dev.cape.app.workflow.AtomicFiles;
import dev.cape.app.workflow.WorkbenchAnalysis;
import dev.cape.app.workflow.charts.ChartExport;
import dev.cape.app.workflow.charts.ChartStyle;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cape report}: the reproduction report, report.md and report.json (spec §10). */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Every headline number of the study computed on the data, beside the paper's, with our interval "
                + "and a one-line reason where they differ; writes report.md and report.json into DIR.")
public final class ReportCommand implements Callable<Integer> {

    /** Folder of the figures inside the report folder. */
    static final String FIGURES_DIR = "figures";
    static final int FIGURE_WIDTH = 1200;
    static final int FIGURE_HEIGHT = 800;

    @Spec
    CommandSpec spec;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "cape-report",
            description = "Directory for report.md and report.json (default: ${DEFAULT-VALUE}).")
    Path out;

    @picocli.CommandLine.Mixin
    DataOption data;

    @picocli.CommandLine.Mixin
    DiagnosisSettings settings;

    @Option(names = "--frontier", paramLabel = "FILE",
            description = "CSV of frontier models (default: the bundled frontier_models.csv).")
    Path frontier;

    @Option(names = "--compare-bootstrap", defaultValue = "2000",
            description = "Bootstrap resamples per family of the Qwen comparison (default: ${DEFAULT-VALUE}).")
    int compareBootstrap;

    @Option(names = "--compare-at", defaultValue = "4", paramLabel = "N",
            description = "Matched scale of the Qwen1.5/Qwen2.5 comparison, billions (default: ${DEFAULT-VALUE}).")
    double compareAt;

    @Option(names = "--frontier-permutations", defaultValue = "100000",
            description = "Permutations of the frontier test (default: ${DEFAULT-VALUE}).")
    int frontierPermutations;

    @Option(names = "--frontier-bootstrap", defaultValue = "10000",
            description = "Bootstrap resamples of the frontier test (default: ${DEFAULT-VALUE}).")
    int frontierBootstrap;

    @Option(names = "--holdout", defaultValue = "Llama-2", paramLabel = "FAMILY",
            description = "Held-out family of the ODE (default: ${DEFAULT-VALUE}).")
    String holdout;

    @Option(names = "--no-figures", description = "Do not draw the figures (PNG and SVG of every workbench chart).")
    boolean noFigures;

    ReproductionReport.Options options() {
        DiagnosisOptions d = settings.options();
        return new ReproductionReport.Options(d, compareBootstrap, compareAt, frontierPermutations, frontierBootstrap,
                holdout);
    }

    @Override
    public Integer call() {
        ReproductionReport.Options o = options();
        OutputTarget.checkDirectory(out, "--out");
        Dataset dataset = data.load();
        FrontierTable table = FrontierCommand.table(frontier);
        ReproductionReport.Result r = ReproductionReport.with(o).run(dataset, table,
                ConsoleProgress.forTerminal(spec.commandLine().getErr()));
        List<String> figures = List.of();
        Path drawn = null;
        try {
            if (!noFigures) {
                // drawn into a hidden folder first and moved in beside the report only once everything succeeded
                drawn = drawFigures(dataset, o.diagnosis());
                try (var list = Files.list(drawn)) {
                    figures = list.map(f -> FIGURES_DIR + "/" + f.getFileName()).sorted().toList();
                }
            }
            Map<Path, String> files = new LinkedHashMap<>();
            files.put(out.resolve("report.md"), markdown(r, figures));
            files.put(out.resolve("report.json"), CliSupport.json(json(r, figures)));
            OutputTarget.writeAll(files);
            if (drawn != null) {
                Path target = out.resolve(FIGURES_DIR);
                deleteTree(target);
                Files.move(drawn, target);
                drawn = null;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the figures into " + out + ": " + OutputTarget.reason(e), e);
        } finally {
            deleteTree(drawn);
        }
        PrintWriter w = spec.commandLine().getOut();
        w.println("wrote " + out.resolve("report.md") + " and " + out.resolve("report.json")
                + (figures.isEmpty() ? "" : " and " + figures.size() + " figures in " + out.resolve(FIGURES_DIR)));
        w.flush();
        return CapeCommand.EXIT_OK;
    }

    /** Every workbench chart of the data as PNG and SVG, in a new hidden folder beside the report folder. */
    private Path drawFigures(Dataset dataset, DiagnosisOptions options) throws IOException {
        Path dir = AtomicFiles.tempFolderBeside(out.resolve(FIGURES_DIR));   // filled, then renamed to figures/
        WorkbenchAnalysis.Result charts = new WorkbenchAnalysis().run(dataset, options, WorkbenchAnalysis.Stage.FULL,
                ConsoleProgress.forTerminal(spec.commandLine().getErr()));
        ChartExport.exportAll(charts, ChartStyle.plain(), dir, List.of(ChartExport.Format.values()), FIGURE_WIDTH,
                FIGURE_HEIGHT);
        return dir;
    }

    /** Deletes a folder and everything in it; nothing when it does not exist. */
    static void deleteTree(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + dir + ": " + e.getMessage(), e);
        }
    }

    static JsonObject json(ReproductionReport.Result r) {
        return json(r, List.of());
    }

    static JsonObject json(ReproductionReport.Result r, List<String> figures) {
        ReproductionReport.Options o = r.options();
        DiagnosisOptions d = o.diagnosis();
        JsonObject root = new JsonObject();
        JsonObject p = CliSupport.provenance(r.source(), d.seed());
        p.addProperty("frontier_data", r.frontierSource());
        p.add("reasoning", CliSupport.strings(d.reasoning()));
        p.addProperty("truth", d.truth());
        p.addProperty("bandwidth", d.bandwidth());
        p.addProperty("tau", d.tau());
        p.addProperty("permutations", d.permutations());
        p.addProperty("bootstrap", d.bootstrap());
        p.addProperty("family_bootstrap", d.familyBootstrap());
        p.addProperty("compare_bootstrap", o.compareBootstrap());
        p.addProperty("compare_at_b", o.compareAtB());
        p.addProperty("frontier_permutations", o.frontierPermutations());
        p.addProperty("frontier_bootstrap", o.frontierBootstrap());
        p.addProperty("holdout", o.heldOut());
        p.addProperty("paper_values", "dev.cape.analysis.report.PaperValues");
        p.add("notes", CliSupport.strings(r.notes()));
        root.add("provenance", p);
        root.add("figures", CliSupport.strings(figures));
        JsonArray rows = new JsonArray();
        for (Row row : r.rows()) {
            JsonObject x = new JsonObject();
            x.addProperty("id", row.paper().id());
            x.addProperty("quantity", row.paper().quantity());
            JsonObject paper = new JsonObject();
            paper.add("value", CliSupport.num(row.paper().value()));
            paper.addProperty("text", row.paper().text());
            x.add("paper", paper);
            x.addProperty("status", row.status().id());
            JsonObject ours = new JsonObject();
            ours.add("value", CliSupport.num(row.ours()));
            ours.addProperty("text", row.oursText());
            ours.add("interval", CliSupport.interval(row.lower(), row.upper()));
            ours.addProperty("interval_kind", row.interval());
            x.add("ours", ours);
            x.addProperty("agreement", row.agreement());
            x.addProperty("reason", row.reason());
            rows.add(x);
        }
        root.add("headlines", rows);
        return root;
    }

    static String markdown(ReproductionReport.Result r) {
        return markdown(r, List.of());
    }

    static String markdown(ReproductionReport.Result r, List<String> figures) {
        ReproductionReport.Options o = r.options();
        DiagnosisOptions d = o.diagnosis();
        CliSupport.Doc doc = new CliSupport.Doc(true);
        doc.heading(1, "CAPE Workbench reproduction report");
        doc.para(String.format(Locale.ROOT, "Version %s. Base models: %s; frontier models: %s. R = mean(%s), T = %s; "
                        + "h = %s decades, tau = %s; %d permutations, %d + %d bootstrap resamples (diagnosis), %d "
                        + "(Qwen comparison at %sB), frontier %d permutations and %d bootstrap resamples; ODE held-out "
                        + "family %s; seed %d.", CapeCommand.version(), r.source(), r.frontierSource(),
                String.join(", ", d.reasoning()), d.truth(), CliSupport.fmt(d.bandwidth()), CliSupport.fmt(d.tau()),
                d.permutations(), d.bootstrap(), d.familyBootstrap(), o.compareBootstrap(),
                CliSupport.fmt(o.compareAtB()), o.frontierPermutations(), o.frontierBootstrap(), o.heldOut(),
                d.seed()));
        doc.para("The paper's values are reference values from `PaperValues` (method §10); ours are computed on the "
                + "data above and never adjusted towards them.");
        doc.heading(2, "Headline numbers");
        TextTable t = new TextTable("quantity", "paper", "ours", "our interval", "interval kind", "agreement",
                "reason where they differ");
        for (Row row : r.rows()) {
            t.row(row.paper().quantity(), row.paper().text(), row.oursText(), interval(row), row.interval(),
                    row.agreement(), row.reason().isEmpty() ? "-" : row.reason());
        }
        doc.table(t);
        List<Row> internals = r.rows().stream()
                .filter(x -> x.status() == ReproductionReport.Status.NEEDS_MODEL_INTERNALS).toList();
        if (!internals.isEmpty()) {
            doc.heading(2, "Numbers that need model internals");
            for (Row row : internals) {
                doc.item(row.paper().quantity() + " (paper: " + row.paper().text() + "): " + row.oursText() + ".");
            }
            doc.end();
        }
        List<Row> missing = r.rows().stream().filter(x -> x.status() == ReproductionReport.Status.NOT_IN_DATA).toList();
        if (!missing.isEmpty()) {
            doc.heading(2, "Numbers the data cannot give");
            for (Row row : missing) {
                doc.item(row.paper().quantity() + " (paper: " + row.paper().text() + "): " + row.reason() + ".");
            }
            doc.end();
        }
        if (!figures.isEmpty()) {
            doc.heading(2, "Figures");
            doc.para("Every workbench chart of the same data and settings, as PNG and SVG ("
                    + FIGURE_WIDTH + " × " + FIGURE_HEIGHT + "):");
            figures.stream().filter(f -> f.endsWith(".png"))
                    .forEach(f -> doc.item("![" + f.substring(FIGURES_DIR.length() + 1, f.length() - 4) + "](" + f + ")"));
            doc.end();
        }
        if (!r.notes().isEmpty()) {
            doc.heading(2, "Notes");
            r.notes().forEach(doc::item);
            doc.end();
        }
        return doc.toString();
    }

    private static String interval(Row row) {
        if (!Double.isFinite(row.lower()) || !Double.isFinite(row.upper())) {
            return "-";
        }
        boolean billions = row.paper().id().equals("mean_nc_b");
        boolean percent = row.paper().id().equals("ode_mape_llama2");
        java.util.function.DoubleFunction<String> f = billions ? v -> CliSupport.fmt(v) + "B"
                : percent ? v -> String.format(Locale.ROOT, "%.2f%%", v) : CliSupport::signed;
        return "[" + f.apply(row.lower()) + ", " + f.apply(row.upper()) + "]";
    }
}
