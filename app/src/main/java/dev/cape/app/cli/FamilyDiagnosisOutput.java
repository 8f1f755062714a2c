package dev.cape.app.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.cape.analysis.diagnosis.UserFamilyDiagnosis;
import dev.cape.analysis.diagnosis.UserFamilyDiagnosis.Intervention;
import dev.cape.analysis.diagnosis.UserFamilyDiagnosis.ModelRow;
import dev.cape.analysis.diagnosis.UserFamilyDiagnosis.Placement;
import dev.cape.analysis.diagnosis.UserFamilyDiagnosis.RotationRow;
import dev.cape.analysis.phase.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The {@code family_diagnosis} section of {@code cape diagnose --family}: JSON, text and Markdown. */
final class FamilyDiagnosisOutput {

    private FamilyDiagnosisOutput() {
    }

    static JsonObject json(UserFamilyDiagnosis.Result r) {
        JsonObject o = new JsonObject();
        o.addProperty("family", r.family());
        o.addProperty("weak", r.weak());
        o.addProperty("message", r.message());
        o.addProperty("reference_source", r.referenceSource());
        o.add("reference_families", CliSupport.strings(r.referenceFamilies()));
        JsonArray models = new JsonArray();
        for (ModelRow m : r.models()) {
            JsonObject x = new JsonObject();
            x.addProperty("model", m.model());
            x.add("params_b", CliSupport.num(m.paramsB()));
            x.add("reasoning", CliSupport.num(m.reasoning()));
            x.add("truthfulness", CliSupport.num(m.truth()));
            x.add("coupling", CliSupport.num(m.coupling()));
            x.addProperty("phase", m.phase().id());
            x.add("log2_width", CliSupport.num(m.log2Width()));
            x.add("reference_log2_width", CliSupport.num(m.referenceLog2Width()));
            x.add("width_delta", CliSupport.num(m.widthDelta()));
            models.add(x);
        }
        o.add("models", models);
        JsonObject nc = new JsonObject();
        nc.addProperty("status", r.nc().status().id());
        nc.add("params_b", CliSupport.num(r.nc().paramsB()));
        nc.add("ci95_params_b", r.ncCiB() == null ? JsonNull.INSTANCE : DiagnosisJson.pair(r.ncCiB()[0], r.ncCiB()[1]));
        nc.addProperty("text", UserFamilyDiagnosis.ncWords(r.nc()));
        o.add("nc", nc);
        JsonArray interventions = new JsonArray();
        for (Intervention i : r.interventions()) {
            JsonObject x = new JsonObject();
            x.addProperty("name", i.name());
            x.addProperty("verdict", i.verdict().id());
            x.add("quantity", CliSupport.num(i.quantity()));
            x.addProperty("rule", i.rule());
            x.addProperty("message", i.message());
            interventions.add(x);
        }
        o.add("interventions", interventions);
        if (r.rotation() == null) {
            o.add("rotation", JsonNull.INSTANCE);
        } else {
            JsonObject rot = new JsonObject();
            rot.addProperty("stable", r.rotation().stable());
            rot.add("unstable_models", CliSupport.strings(r.rotation().unstableModels()));
            rot.add("truth_metrics", CliSupport.strings(r.rotation().truthMetrics()));
            JsonArray rows = new JsonArray();
            for (RotationRow row : r.rotation().rows()) {
                JsonObject x = new JsonObject();
                x.add("reasoning", CliSupport.strings(row.reasoning()));
                x.addProperty("truth", row.truth());
                JsonObject phases = new JsonObject();
                row.phases().forEach((m, p) -> phases.addProperty(m, p.id()));
                x.add("phases", phases);
                x.addProperty("nc", row.nc());
                x.addProperty("note", row.note());
                rows.add(x);
            }
            rot.add("rows", rows);
            o.add("rotation", rot);
        }
        JsonArray placements = new JsonArray();
        for (Placement p : r.placements()) {
            JsonObject x = new JsonObject();
            x.addProperty("model", p.model());
            x.add("params_b", CliSupport.num(p.paramsB()));
            x.add("reference_families", CliSupport.strings(p.families()));
            x.add("mean_reference_coupling", CliSupport.num(p.meanCoupling()));
            JsonObject counts = new JsonObject();
            p.phaseCounts().forEach((ph, n) -> counts.addProperty(ph.id(), n));
            x.add("reference_phase_counts", counts);
            x.add("reasoning_percentile", CliSupport.num(p.reasoningPercentile()));
            x.add("truth_percentile", CliSupport.num(p.truthPercentile()));
            x.addProperty("reference_models_nearby", p.neighbours());
            placements.add(x);
        }
        o.add("placements", placements);
        return o;
    }

    static void render(CliSupport.Doc d, UserFamilyDiagnosis.Result r) {
        d.heading(2, "Family diagnosis: " + r.family());
        d.para(r.message());
        d.para("Reference families (" + r.referenceSource() + ", " + r.referenceFamilies().size() + " with a defined "
                + "coupling curve): " + String.join(", ", r.referenceFamilies()) + ".");
        TextTable t = new TextTable("model", "N (B)", "R", "T", "coupling", "phase", "log2 d", "ref log2 d", "delta")
                .right(1, 2, 3, 4, 6, 7, 8);
        for (ModelRow m : r.models()) {
            t.row(m.model(), CliSupport.fmt(m.paramsB()), CliSupport.fix(m.reasoning()), CliSupport.fix(m.truth()),
                    CliSupport.signed(m.coupling()), m.phase().id(), opt(m.log2Width()), opt(m.referenceLog2Width()),
                    Double.isFinite(m.widthDelta()) ? String.format(Locale.ROOT, "%+.2f", m.widthDelta()) : "-");
        }
        d.table(t);
        if (!r.weak()) {
            d.para(UserFamilyDiagnosis.ncWords(r.nc()) + (r.ncCiB() == null ? "" : " [" + CliSupport.fmt(r.ncCiB()[0])
                    + "B, " + CliSupport.fmt(r.ncCiB()[1]) + "B] (bootstrap 95%)") + ".");
        }
        if (!r.placements().isEmpty()) {
            d.heading(3, "Placement against the reference families at the same scale (weak diagnosis)");
            TextTable pt = new TextTable("model", "N (B)", "references at this N", "mean coupling", "tax", "transition",
                    "cooperative", "R pctl", "T pctl", "nearby").right(1, 2, 3, 4, 5, 6, 7, 8, 9);
            for (Placement p : r.placements()) {
                pt.row(p.model(), CliSupport.fmt(p.paramsB()), Integer.toString(p.families().size()),
                        CliSupport.signed(p.meanCoupling()), count(p, Phase.TAX), count(p, Phase.TRANSITION),
                        count(p, Phase.COOPERATIVE), pctl(p.reasoningPercentile()), pctl(p.truthPercentile()),
                        Integer.toString(p.neighbours()));
            }
            d.table(pt);
        }
        d.heading(3, "Suggested interventions");
        for (Intervention i : r.interventions()) {
            d.item(i.name() + ": " + i.verdict().id().replace('_', ' ') + " - " + i.message()
                    + (Double.isFinite(i.quantity()) ? String.format(Locale.ROOT, " [quantity %.3f]", i.quantity()) : "")
                    + (i.rule().isEmpty() ? "" : " (rule: " + i.rule() + ")"));
        }
        d.end();
        if (r.rotation() != null) {
            d.heading(3, "Benchmark rotation (" + (r.rotation().stable() ? "phase stable" : "phase NOT stable") + ")");
            List<String> header = new ArrayList<>(List.of("reasoning", "truth"));
            r.models().forEach(m -> header.add(shortName(m.model())));
            header.add("N_c");
            TextTable rt = new TextTable(header.toArray(String[]::new));
            for (RotationRow row : r.rotation().rows()) {
                List<String> cells = new ArrayList<>(List.of(String.join("+", row.reasoning()), row.truth()));
                r.models().forEach(m -> cells.add(row.phases().containsKey(m.model())
                        ? row.phases().get(m.model()).id() : "-"));
                cells.add(row.note().isEmpty() ? row.nc() : row.note());
                rt.row(cells.toArray(String[]::new));
            }
            d.table(rt);
            d.para("Truthfulness metrics available: " + String.join(", ", r.rotation().truthMetrics()) + ".");
        }
    }

    private static String shortName(String model) {
        int slash = model.lastIndexOf('/');
        return slash >= 0 ? model.substring(slash + 1) : model;
    }

    private static String count(Placement p, Phase phase) {
        return Integer.toString(p.phaseCounts().getOrDefault(phase, 0));
    }

    private static String pctl(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.0f", v) : "-";
    }

    private static String opt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.2f", v) : "-";
    }
}
