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
import dev.cape.analysis.resampling.CensoredNormalFit;
import dev.cape.analysis.resampling.CouplingBand;
import dev.cape.analysis.resampling.FamilyBootstrap;
import dev.cape.analysis.resampling.Log10Interval;
import dev.cape.analysis.resampling.MeanCriticalScale;
import dev.cape.analysis.resampling.StratifiedPermutationTest;
import dev.cape.analysis.width.PartialCorrelation;
import dev.cape.analysis.width.WidthNormalisation;

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
        root.add("mean_nc", meanNc(d.meanNc()));
        root.add("width", width(d.width()));
        return root;
    }

    private static JsonObject meanNc(MeanCriticalScale.Result m) {
        JsonObject o = new JsonObject();
        o.add("geometric_mean_b", m.geometricMean().isPresent() ? num(m.geometricMean().getAsDouble()) : JsonNull.INSTANCE);
        o.add("ci95_percentile_b", m.percentile().<JsonElement>map(DiagnosisJson::interval).orElse(JsonNull.INSTANCE));
        o.add("ci95_bca_b", m.bca().<JsonElement>map(b -> interval(b.interval())).orElse(JsonNull.INSTANCE));
        o.addProperty("n_families", m.uncensored());
        o.addProperty("n_left_censored", m.leftCensored());
        o.addProperty("n_right_censored", m.rightCensored());
        o.addProperty("status", m.status().name().toLowerCase(java.util.Locale.ROOT));
        o.addProperty("message", m.message());
        o.addProperty("resampling", m.resampling().name().toLowerCase(java.util.Locale.ROOT));
        o.addProperty("resamples", m.resamples());
        o.addProperty("headline", m.headline() == MeanCriticalScale.Headline.UNCENSORED_GEOMETRIC_MEAN
                ? "geometric_mean_b with ci95_bca_b (uncensored families)" : "censored_fit");
        CensoredNormalFit.Result fit = m.censoredFit();
        JsonObject c = new JsonObject();
        c.add("mean_b", fit.mean().isPresent() ? num(fit.mean().getAsDouble()) : JsonNull.INSTANCE);
        c.add("ci95_b", fit.estimate().<JsonElement>map(e -> interval(e.profile().orElse(e.wald()))).orElse(JsonNull.INSTANCE));
        c.add("ci95_method", fit.estimate().map(e -> (JsonElement) new JsonPrimitive(
                e.profile().isPresent() ? "profile likelihood" : "wald")).orElse(JsonNull.INSTANCE));
        c.add("sigma_log10", fit.estimate().map(e -> num(e.sigma())).orElse(JsonNull.INSTANCE));
        c.addProperty("n_censored", fit.censored());
        c.addProperty("n_families", fit.exact() + fit.censored());
        c.addProperty("status", fit.status().name().toLowerCase(java.util.Locale.ROOT));
        c.addProperty("message", fit.message());
        o.add("censored_fit", c);
        return o;
    }

    private static JsonObject width(WidthNormalisation.Result w) {
        JsonObject o = new JsonObject();
        o.add("partial_r_all", w.all().r().isPresent() ? num(w.all().r().getAsDouble()) : JsonNull.INSTANCE);
        o.add("partial_p_all", w.allTest() == null ? JsonNull.INSTANCE : num(w.allTest().p()));
        o.add("partial_r_tax", num(w.partialRTax()));
        o.add("partial_p_tax", w.taxTest() == null ? JsonNull.INSTANCE : num(w.taxTest().p()));
        o.add("ratio_r_tax", num(w.ratioRTax()));
        o.add("ratio_p_tax", w.ratioTest() == null ? JsonNull.INSTANCE : num(w.ratioTest().p()));
        JsonArray used = new JsonArray();
        w.familiesUsed().forEach(used::add);
        o.add("families_used", used);
        o.addProperty("n_models_all", w.all().models());
        JsonArray tax = new JsonArray();
        w.taxFamilies().forEach(tax::add);
        o.add("tax_families", tax);
        o.addProperty("n_models_tax", w.taxModels());
        o.addProperty("anticorrelation_vanishes", w.anticorrelationVanishes());
        JsonArray excluded = new JsonArray();
        for (PartialCorrelation.Exclusion e : w.all().excluded()) {
            JsonObject x = new JsonObject();
            x.addProperty("family", e.family());
            x.addProperty("reason", e.reason());
            excluded.add(x);
        }
        o.add("excluded", excluded);
        return o;
    }

    private static JsonArray interval(Log10Interval i) {
        return pair(i.lower(), i.upper());
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
        o.add("band", band(f));
        if (!f.note().isEmpty()) {
            o.addProperty("note", f.note());
        }
        return o;
    }

    /** The pointwise bootstrap band of the coupling curve on the curve's grid, or null without a bootstrap. */
    private static JsonElement band(FamilyDiagnosis f) {
        CouplingBand b = f.band();
        if (b == null || f.curve() == null) {
            return JsonNull.INSTANCE;
        }
        JsonObject o = new JsonObject();
        JsonArray x = new JsonArray();
        JsonArray estimate = new JsonArray();
        JsonArray lower = new JsonArray();
        JsonArray upper = new JsonArray();
        JsonArray contributing = new JsonArray();
        double[] c = f.curve().gridC();
        int[] n = b.contributing();
        for (int k = 0; k < b.size(); k++) {
            x.add(num(b.x(k)));
            estimate.add(num(c[k]));
            lower.add(num(b.lower(k)));
            upper.add(num(b.upper(k)));
            contributing.add(n[k]);
        }
        o.add("log10_n", x);
        o.add("coupling", estimate);
        o.add("lower", lower);
        o.add("upper", upper);
        o.add("contributing", contributing);
        o.addProperty("level", b.level());
        o.addProperty("resamples", b.drawn());
        o.addProperty("kept", b.kept());
        o.addProperty("seed", b.seed());
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
