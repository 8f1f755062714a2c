package dev.cape.app.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.cape.analysis.coupling.CriticalScale;
import dev.cape.analysis.diagnosis.Composites;
import dev.cape.analysis.diagnosis.DiagnosisOptions;
import dev.cape.analysis.diagnosis.DiagnosisResult;
import dev.cape.analysis.diagnosis.FamilyDiagnosis;
import dev.cape.analysis.phase.PooledPhaseCorrelation;
import dev.cape.analysis.resampling.FamilyBootstrap;
import dev.cape.analysis.resampling.StratifiedPermutationTest;

/** The JSON form of a diagnosis (schema in docs/cli.md): snake_case keys, undefined numbers as null. */
public final class DiagnosisJson {

    private DiagnosisJson() {
    }

    public static String write(DiagnosisResult d, String version) {
        return new GsonBuilder().setPrettyPrinting().serializeNulls().create().toJson(toJson(d, version)) + "\n";
    }

    public static JsonObject toJson(DiagnosisResult d, String version) {
        JsonObject root = new JsonObject();
        root.add("provenance", provenance(d, version));
        JsonArray families = new JsonArray();
        for (FamilyDiagnosis f : d.families()) {
            families.add(family(f));
        }
        root.add("families", families);
        JsonArray excluded = new JsonArray();
        for (Composites.Excluded e : d.excluded()) {
            JsonObject o = new JsonObject();
            o.addProperty("model", e.model());
            o.addProperty("family", e.family());
            o.addProperty("reason", e.reason());
            excluded.add(o);
        }
        root.add("excluded", excluded);
        JsonObject pooled = new JsonObject();
        pooled.add("tax", pooled(d.tax()));
        pooled.add("cooperative", pooled(d.cooperative()));
        root.add("pooled", pooled);
        return root;
    }

    private static JsonObject provenance(DiagnosisResult d, String version) {
        DiagnosisOptions o = d.options();
        JsonObject p = new JsonObject();
        p.addProperty("version", version);
        p.addProperty("seed", o.seed());
        p.addProperty("data", d.source());
        JsonArray reasoning = new JsonArray();
        o.reasoning().forEach(reasoning::add);
        p.add("reasoning", reasoning);
        p.addProperty("truth", o.truth());
        p.addProperty("bandwidth", o.bandwidth());
        p.addProperty("tau", o.tau());
        p.addProperty("permutations", o.permutations());
        p.addProperty("bootstrap", o.bootstrap());
        p.addProperty("family_bootstrap", o.familyBootstrap());
        p.addProperty("selection", o.selection() == PooledPhaseCorrelation.Selection.RESELECT ? "reselect" : "naive");
        p.addProperty("grid_points", dev.cape.analysis.coupling.KernelCoupling.DEFAULT_GRID_POINTS);
        JsonArray notes = new JsonArray();
        d.importNotes().forEach(notes::add);
        p.add("import_notes", notes);
        return p;
    }

    private static JsonObject family(FamilyDiagnosis f) {
        JsonObject o = new JsonObject();
        o.addProperty("family", f.family());
        o.addProperty("n_models", f.scores().size());
        JsonArray models = new JsonArray();
        for (int i = 0; i < f.scores().size(); i++) {
            JsonObject m = new JsonObject();
            m.addProperty("model", f.scores().models().get(i));
            m.add("params_b", num(f.scores().paramsB()[i]));
            m.add("reasoning", num(f.scores().reasoning()[i]));
            m.add("truthfulness", num(f.scores().truth()[i]));
            m.add("coupling", num(f.coupling(i)));
            m.addProperty("phase", f.phases().get(i).id());
            models.add(m);
        }
        o.add("models", models);
        o.add("nc", nc(f));
        if (!f.note().isEmpty()) {
            o.addProperty("note", f.note());
        }
        return o;
    }

    private static JsonObject nc(FamilyDiagnosis f) {
        CriticalScale nc = f.nc();
        JsonObject o = new JsonObject();
        o.addProperty("status", nc.status().id());
        o.add("params_b", nc.status() == CriticalScale.Status.CROSSING ? num(nc.paramsB()) : JsonNull.INSTANCE);
        FamilyBootstrap.Result b = f.bootstrap();
        boolean ci = nc.status() == CriticalScale.Status.CROSSING && b != null && b.ciLog10() != null;
        o.add("ci95_params_b", ci ? pair(Math.pow(10, b.ciLog10()[0]), Math.pow(10, b.ciLog10()[1])) : JsonNull.INSTANCE);
        o.add("censored_share", b == null ? JsonNull.INSTANCE : num(b.censoredShare()));
        o.add("bound_b", nc.status().censored() ? num(nc.paramsB()) : JsonNull.INSTANCE);
        o.add("downward_crossing_b", nc.status() == CriticalScale.Status.NO_UPWARD_CROSSING
                ? num(nc.paramsB()) : JsonNull.INSTANCE);
        if (b != null) {
            o.addProperty("bootstrap_drawn", b.drawn());
            o.addProperty("bootstrap_kept", b.kept());
            o.addProperty("bootstrap_crossing", b.crossing());
        }
        return o;
    }

    private static JsonObject pooled(PooledPhaseCorrelation.Result r) {
        JsonObject o = new JsonObject();
        o.add("r", num(r.r()));
        StratifiedPermutationTest.Result t = r.test();
        o.add("p", t == null ? JsonNull.INSTANCE : num(t.p()));
        o.addProperty("n_models", r.nModels());
        o.addProperty("n_families", r.nFamilies());
        o.addProperty("method", r.selection().label()
                + (t == null ? "" : t.method() == StratifiedPermutationTest.Method.EXACT ? ", exact enumeration"
                        : ", Monte Carlo"));
        o.add("permutations", t == null ? JsonNull.INSTANCE : new JsonPrimitive(t.permutations()));
        o.add("undefined_permutations", t == null ? JsonNull.INSTANCE : new JsonPrimitive(t.undefined()));
        JsonArray fams = new JsonArray();
        r.families().forEach(fams::add);
        o.add("families", fams);
        return o;
    }

    static JsonElement num(double v) {
        return Double.isFinite(v) ? new JsonPrimitive(v) : JsonNull.INSTANCE;
    }

    static JsonArray pair(double a, double b) {
        JsonArray arr = new JsonArray();
        arr.add(num(a));
        arr.add(num(b));
        return arr;
    }
}
