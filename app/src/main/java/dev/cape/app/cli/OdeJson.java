package dev.cape.app.cli;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import dev.cape.analysis.ode.Eigenstructure;
import dev.cape.analysis.ode.HoldOutPrediction;
import dev.cape.analysis.ode.InteractionClass;
import dev.cape.analysis.ode.JacobianAnalysis;
import dev.cape.analysis.ode.LofoTable;
import dev.cape.analysis.ode.ModelPrediction;
import dev.cape.analysis.ode.OdeStudy;
import dev.cape.analysis.ode.SindyFit;
import dev.cape.analysis.ode.SindySettings;
import dev.cape.analysis.ode.SkippedFamily;
import dev.cape.analysis.ode.ThresholdCv;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import org.apache.commons.math3.complex.Complex;

/** The JSON form of {@code cape ode} (schema in docs/cli.md): undefined numbers are null with a status/message. */
final class OdeJson {

    private OdeJson() {
    }

    static JsonObject toJson(OdeStudy s, String source, long seed) {
        JsonObject root = new JsonObject();
        root.add("provenance", provenance(s, source, seed));
        JsonObject coef = new JsonObject();
        coef.add("dR_dx", terms(s.fit().coefficientsR()));
        coef.add("dT_dx", terms(s.fit().coefficientsT()));
        root.add("coefficients", coef);
        root.add("holdout", holdout(s.holdOut()));
        JsonArray lofo = new JsonArray();
        for (LofoTable.Row r : s.lofo().rows()) {
            JsonObject o = new JsonObject();
            o.addProperty("family", r.family());
            o.add("mape", opt(r.mapeCombined()));
            o.add("mape_r", opt(r.mapeR()));
            o.add("mape_t", opt(r.mapeT()));
            o.addProperty("distinct_sizes", r.distinctSizes());
            o.addProperty("status", id(r.status().name()));
            o.add("lambda", opt(r.threshold()));
            o.addProperty("message", r.message());
            lofo.add(o);
        }
        root.add("lofo", lofo);
        JsonObject mean = new JsonObject();
        mean.add("mape", opt(s.lofo().meanMapeCombined()));
        mean.add("mape_r", opt(s.lofo().meanMapeR()));
        mean.add("mape_t", opt(s.lofo().meanMapeT()));
        mean.addProperty("complete_families", s.lofo().completeRows());
        JsonArray skipped = new JsonArray();
        s.lofo().skipped().forEach(k -> skipped.add(skipped(k)));
        mean.add("skipped", skipped);
        root.add("lofo_summary", mean);
        root.add("eigen", eigen(s.eigen()));
        return root;
    }

    private static JsonObject provenance(OdeStudy s, String source, long seed) {
        SindyFit fit = s.fit();
        SindySettings st = fit.settings();
        JsonObject p = CliSupport.provenance(source, seed);
        p.addProperty("random", "none: the ODE analysis is deterministic");
        p.add("reasoning", CliSupport.strings(st.reasoning()));
        p.addProperty("truth", st.truth());
        p.addProperty("library_order", st.libraryOrder());
        p.add("library_terms", CliSupport.strings(fit.terms()));
        p.addProperty("lambda_selection", id(st.thresholdSelection().name()));
        p.addProperty("lambda_configured", st.threshold());
        p.addProperty("lambda_used", fit.threshold());
        JsonArray grid = new JsonArray();
        st.thresholdGrid().forEach(grid::add);
        p.add("lambda_grid", grid);
        p.addProperty("cv_score", id(st.cvScore().name()));
        p.addProperty("ridge_alpha", st.ridge());
        p.addProperty("max_iterations", st.maxIterations());
        p.addProperty("min_lofo_sizes", st.minLofoSizes());
        JsonObject integ = new JsonObject();
        integ.addProperty("method", "Dormand-Prince 8(5,3), commons-math3");
        integ.addProperty("absolute_tolerance", st.integrator().absoluteTolerance());
        integ.addProperty("relative_tolerance", st.integrator().relativeTolerance());
        integ.addProperty("min_step", st.integrator().minStep());
        integ.addProperty("max_step", st.integrator().maxStep());
        integ.addProperty("blow_up_limit", st.integrator().blowUpLimit());
        integ.addProperty("boundary_policy", id(st.integrator().boundaryPolicy().name()));
        p.add("integrator", integ);
        p.add("training_families", CliSupport.strings(fit.trainingFamilies()));
        p.addProperty("derivative_samples", fit.samples().size());
        JsonArray skipped = new JsonArray();
        fit.skippedFamilies().forEach(k -> skipped.add(skipped(k)));
        p.add("skipped_families", skipped);
        JsonArray excluded = new JsonArray();
        fit.excludedModels().forEach(e -> {
            JsonObject o = new JsonObject();
            o.addProperty("model", e.model());
            o.addProperty("family", e.family());
            o.addProperty("reason", e.reason());
            excluded.add(o);
        });
        p.add("excluded_models", excluded);
        p.add("notes", CliSupport.strings(fit.notes()));
        fit.thresholdCv().ifPresent(cv -> p.add("lambda_cv", cv(cv)));
        return p;
    }

    private static JsonObject cv(ThresholdCv cv) {
        JsonObject o = new JsonObject();
        o.addProperty("score", id(cv.score().name()));
        o.add("folds", CliSupport.strings(cv.folds()));
        o.addProperty("chosen", cv.chosen());
        JsonArray rows = new JsonArray();
        for (ThresholdCv.Row r : cv.rows()) {
            JsonObject x = new JsonObject();
            x.addProperty("lambda", r.lambda());
            x.addProperty("failed_folds", r.failedFolds());
            x.add("mean_score", opt(r.meanScore()));
            rows.add(x);
        }
        o.add("rows", rows);
        return o;
    }

    private static JsonObject skipped(SkippedFamily k) {
        JsonObject o = new JsonObject();
        o.addProperty("family", k.family());
        o.addProperty("distinct_sizes", k.distinctSizes());
        o.addProperty("reason", k.reason());
        return o;
    }

    static JsonObject holdout(HoldOutPrediction h) {
        JsonObject o = new JsonObject();
        o.addProperty("family", h.family());
        o.addProperty("status", id(h.status().name()));
        o.addProperty("message", h.message());
        o.addProperty("lambda", h.fit().threshold());
        JsonObject coef = new JsonObject();
        coef.add("dR_dx", terms(h.fit().coefficientsR()));
        coef.add("dT_dx", terms(h.fit().coefficientsT()));
        o.add("coefficients", coef);
        JsonArray models = new JsonArray();
        for (ModelPrediction m : h.models()) {
            JsonObject x = new JsonObject();
            x.addProperty("model", m.model());
            x.add("params_b", CliSupport.num(m.paramsB()));
            x.add("r_obs", CliSupport.num(m.rObs()));
            x.add("r_pred", opt(m.rPred()));
            x.add("t_obs", CliSupport.num(m.tObs()));
            x.add("t_pred", opt(m.tPred()));
            x.add("ape_r", opt(m.apeR()));
            x.add("ape_t", opt(m.apeT()));
            x.addProperty("status", id(m.status().name()));
            models.add(x);
        }
        o.add("models", models);
        o.add("mape_r", opt(h.mapeR()));
        o.add("mape_t", opt(h.mapeT()));
        o.add("mape", opt(h.mapeCombined()));
        o.addProperty("trajectory_status", id(h.trajectory().status().name()));
        o.addProperty("trajectory_message", h.trajectory().message());
        o.add("notes", CliSupport.strings(h.notes()));
        return o;
    }

    private static JsonObject eigen(Eigenstructure.Result e) {
        JsonObject o = new JsonObject();
        JsonArray observed = new JsonArray();
        for (Eigenstructure.ObservedState s : e.observed()) {
            JsonObject x = jacobian(s.analysis());
            x.addProperty("model", s.model());
            x.addProperty("family", s.family());
            observed.add(x);
        }
        o.add("observed", observed);
        JsonArray fixed = new JsonArray();
        e.fixedPoints().forEach(a -> fixed.add(jacobian(a)));
        o.add("fixed_points", fixed);
        JsonObject counts = new JsonObject();
        for (InteractionClass c : InteractionClass.values()) {
            counts.addProperty(id(c.name()), e.count(c));
        }
        o.add("interaction_counts", counts);
        o.addProperty("newton_starts_per_axis", e.startsPerAxis());
        o.addProperty("zero_tolerance", e.zeroTolerance());
        o.add("notes", CliSupport.strings(e.notes()));
        return o;
    }

    private static JsonObject jacobian(JacobianAnalysis a) {
        JsonObject o = new JsonObject();
        o.add("r", CliSupport.num(a.r()));
        o.add("t", CliSupport.num(a.t()));
        JsonArray j = new JsonArray();
        j.add(DiagnosisJson.pair(a.dRdR(), a.dRdT()));
        j.add(DiagnosisJson.pair(a.dTdR(), a.dTdT()));
        o.add("jacobian", j);
        JsonArray values = new JsonArray();
        a.eigenvalues().forEach(c -> values.add(complex(c)));
        o.add("eigenvalues", values);
        JsonArray vectors = new JsonArray();
        for (List<Complex> v : a.eigenvectors()) {
            JsonArray vec = new JsonArray();
            v.forEach(c -> vec.add(complex(c)));
            vectors.add(vec);
        }
        o.add("eigenvectors", vectors);
        o.addProperty("interaction", id(a.interaction().name()));
        o.addProperty("type", id(a.type().name()));
        return o;
    }

    private static JsonObject complex(Complex c) {
        JsonObject o = new JsonObject();
        o.add("re", CliSupport.num(c.getReal()));
        o.add("im", CliSupport.num(c.getImaginary()));
        return o;
    }

    static JsonObject terms(Map<String, Double> coefficients) {
        JsonObject o = new JsonObject();
        coefficients.forEach((k, v) -> o.add(k, CliSupport.num(v)));
        return o;
    }

    static JsonElement opt(OptionalDouble v) {
        return v.isPresent() ? CliSupport.num(v.getAsDouble()) : JsonNull.INSTANCE;
    }

    static String id(String enumName) {
        return enumName.toLowerCase(Locale.ROOT);
    }
}
