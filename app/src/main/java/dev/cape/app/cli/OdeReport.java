package dev.cape.app.cli;

import dev.cape.analysis.ode.Eigenstructure;
import dev.cape.analysis.ode.HoldOutPrediction;
import dev.cape.analysis.ode.InteractionClass;
import dev.cape.analysis.ode.JacobianAnalysis;
import dev.cape.analysis.ode.LofoTable;
import dev.cape.analysis.ode.ModelPrediction;
import dev.cape.analysis.ode.OdeStudy;
import dev.cape.analysis.ode.SindyFit;
import java.util.Locale;
import java.util.OptionalDouble;
import org.apache.commons.math3.complex.Complex;

/** Text and Markdown forms of {@code cape ode}. */
final class OdeReport {

    private OdeReport() {
    }

    static String render(OdeStudy s, String source, long seed, boolean markdown) {
        CliSupport.Doc d = new CliSupport.Doc(markdown);
        SindyFit fit = s.fit();
        d.heading(1, "Scaling dynamics (SINDy) of " + source);
        d.para(String.format(Locale.ROOT, "State s = (R, T) along x = log10 N; R = mean(%s), T = %s. Library order %d "
                        + "(%s), ridge alpha %s, lambda %s (%s). Fitted on %d families, %d derivative samples. "
                        + "No random step (seed %d recorded only).", String.join(", ", fit.settings().reasoning()),
                fit.settings().truth(), fit.settings().libraryOrder(), String.join(", ", fit.terms()),
                CliSupport.fmt(fit.settings().ridge()), CliSupport.fmt(fit.threshold()),
                fit.thresholdCv().isPresent() ? "chosen by leave-one-family-out cross-validation over "
                        + fit.thresholdCv().get().folds().size() + " families" : "fixed",
                fit.trainingFamilies().size(), fit.samples().size(), seed));
        d.heading(2, "Coefficients (fit on all families)");
        d.table(coefficients(fit));
        for (String n : fit.notes()) {
            d.item("Note: " + n);
        }
        d.end();
        holdout(d, s.holdOut());
        d.heading(2, "Leave-one-family-out");
        TextTable lt = new TextTable("family", "sizes", "status", "MAPE R", "MAPE T", "MAPE", "lambda").right(1, 3, 4, 5, 6);
        for (LofoTable.Row r : s.lofo().rows()) {
            lt.row(r.family(), Integer.toString(r.distinctSizes()), OdeJson.id(r.status().name()),
                    OdeCommand.pct(r.mapeR()), OdeCommand.pct(r.mapeT()), OdeCommand.pct(r.mapeCombined()),
                    r.threshold().isPresent() ? CliSupport.fmt(r.threshold().getAsDouble()) : "-");
        }
        d.table(lt);
        d.para(String.format(Locale.ROOT, "Mean over %d complete families: MAPE R %s, T %s, combined %s. %d families "
                        + "skipped (fewer than %d distinct sizes).", s.lofo().completeRows(),
                OdeCommand.pct(s.lofo().meanMapeR()), OdeCommand.pct(s.lofo().meanMapeT()),
                OdeCommand.pct(s.lofo().meanMapeCombined()), s.lofo().skipped().size(),
                fit.settings().minLofoSizes()));
        for (LofoTable.Row r : s.lofo().rows()) {
            if (r.status() != dev.cape.analysis.ode.HoldOutStatus.COMPLETE) {
                d.item(r.message());
            }
        }
        d.end();
        eigen(d, s.eigen());
        return d.toString();
    }

    private static TextTable coefficients(SindyFit fit) {
        TextTable t = new TextTable("term", "dR/dx", "dT/dx").right(1, 2);
        for (String term : fit.terms()) {
            t.row(term, coef(fit.coefficientsR().get(term)), coef(fit.coefficientsT().get(term)));
        }
        return t;
    }

    private static String coef(Double v) {
        return v == null || v == 0 ? "0" : String.format(Locale.ROOT, "%+.4f", v);
    }

    private static void holdout(CliSupport.Doc d, HoldOutPrediction h) {
        d.heading(2, "Held-out family: " + h.family());
        d.para(h.message() + String.format(Locale.ROOT, " (lambda %s).", CliSupport.fmt(h.fit().threshold())));
        TextTable t = new TextTable("model", "N (B)", "R obs", "R pred", "T obs", "T pred", "APE R", "APE T", "status")
                .right(1, 2, 3, 4, 5, 6, 7);
        for (ModelPrediction m : h.models()) {
            t.row(m.model(), CliSupport.fmt(m.paramsB()), CliSupport.fix(m.rObs()), fix(m.rPred()),
                    CliSupport.fix(m.tObs()), fix(m.tPred()), m.apeR().isPresent() ? OdeCommand.pct(m.apeR()) : "-", m.apeT().isPresent() ? OdeCommand.pct(m.apeT()) : "-",
                    OdeJson.id(m.status().name()));
        }
        d.table(t);
        d.para(String.format(Locale.ROOT, "MAPE R %s, T %s, combined %s (paper: 5.6%% on held-out Llama-2).",
                OdeCommand.pct(h.mapeR()), OdeCommand.pct(h.mapeT()), OdeCommand.pct(h.mapeCombined())));
        for (String n : h.notes()) {
            d.item("Note: " + n);
        }
        if (!h.notes().isEmpty()) {
            d.end();
        }
    }

    private static String fix(OptionalDouble v) {
        return v.isPresent() ? CliSupport.fix(v.getAsDouble()) : "-";
    }

    private static void eigen(CliSupport.Doc d, Eigenstructure.Result e) {
        d.heading(2, "Eigenstructure of the fitted field");
        StringBuilder counts = new StringBuilder("Interaction class at the " + e.observed().size()
                + " observed states (signs of dR'/dT and dT'/dR): ");
        for (InteractionClass c : InteractionClass.values()) {
            counts.append(OdeJson.id(c.name())).append(' ').append(e.count(c))
                    .append(c == InteractionClass.NONE ? "." : ", ");
        }
        d.para(counts.toString());
        if (e.fixedPoints().isEmpty()) {
            d.para("No fixed point inside [0, 1]^2.");
        } else {
            d.heading(3, "Fixed points in [0, 1]^2");
            d.table(jacobians(e.fixedPoints().stream().map(a -> new Object[] {"", a}).toList()));
        }
        for (String n : e.notes()) {
            d.item("Note: " + n);
        }
        d.heading(3, "Observed states");
        d.table(jacobians(e.observed().stream().map(o -> new Object[] {o.model(), o.analysis()}).toList()));
    }

    private static TextTable jacobians(java.util.List<Object[]> rows) {
        TextTable t = new TextTable("state", "R", "T", "dR'/dR", "dR'/dT", "dT'/dR", "dT'/dT", "eigenvalues",
                "interaction", "type").right(1, 2, 3, 4, 5, 6);
        for (Object[] row : rows) {
            JacobianAnalysis a = (JacobianAnalysis) row[1];
            t.row((String) row[0], CliSupport.fix(a.r()), CliSupport.fix(a.t()), num(a.dRdR()), num(a.dRdT()),
                    num(a.dTdR()), num(a.dTdT()), String.join(", ", a.eigenvalues().stream().map(OdeReport::complex)
                            .toList()), OdeJson.id(a.interaction().name()), OdeJson.id(a.type().name()));
        }
        return t;
    }

    private static String num(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%+.4f", v) : "undefined";
    }

    private static String complex(Complex c) {
        if (c.getImaginary() == 0) {
            return num(c.getReal());
        }
        return String.format(Locale.ROOT, "%+.4f%+.4fi", c.getReal(), c.getImaginary());
    }
}
