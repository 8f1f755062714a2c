package dev.cape.app.cli;

import dev.cape.analysis.coupling.CriticalScale;
import dev.cape.analysis.diagnosis.Composites;
import dev.cape.analysis.diagnosis.DiagnosisOptions;
import dev.cape.analysis.diagnosis.DiagnosisResult;
import dev.cape.analysis.diagnosis.FamilyDiagnosis;
import dev.cape.analysis.phase.PooledPhaseCorrelation;
import dev.cape.analysis.resampling.FamilyBootstrap;
import java.util.Locale;

/** The human-readable forms of a diagnosis: plain text for the terminal and Markdown for documents. */
public final class DiagnosisReport {

    private final boolean markdown;

    private DiagnosisReport(boolean markdown) {
        this.markdown = markdown;
    }

    public static String text(DiagnosisResult d) {
        return new DiagnosisReport(false).render(d);
    }

    public static String markdown(DiagnosisResult d) {
        return new DiagnosisReport(true).render(d);
    }

    private String render(DiagnosisResult d) {
        StringBuilder sb = new StringBuilder();
        DiagnosisOptions o = d.options();
        heading(sb, 1, "Phase diagnosis of " + d.source());
        para(sb, String.format(Locale.ROOT, "R = mean(%s), T = %s; bandwidth h = %s decades, tau = %s; "
                        + "%d permutations, %d + %d bootstrap resamples; seed %d.",
                String.join(", ", o.reasoning()), o.truth(), fmt(o.bandwidth()), fmt(o.tau()), o.permutations(),
                o.bootstrap(), o.familyBootstrap(), o.seed()));
        for (String note : d.importNotes()) {
            para(sb, "Import: " + note);
        }
        heading(sb, 2, "Pooled correlations");
        sb.append(pooled("Tax phase", d.tax())).append(pooled("Cooperative phase", d.cooperative()));
        sb.append('\n');
        heading(sb, 2, "Families");
        for (FamilyDiagnosis f : d.families()) {
            family(sb, f);
        }
        if (!d.excluded().isEmpty()) {
            heading(sb, 2, "Excluded models");
            TextTable t = new TextTable("model", "family", "reason");
            for (Composites.Excluded e : d.excluded()) {
                t.row(e.model(), e.family(), e.reason());
            }
            table(sb, t);
        }
        return sb.toString();
    }

    private String pooled(String label, PooledPhaseCorrelation.Result r) {
        String line;
        if (Double.isNaN(r.r())) {
            line = label + ": no family has 3 or more models in this phase";
        } else {
            line = String.format(Locale.ROOT, "%s: r = %+.3f, p = %s (%d models, %d families; %s)", label, r.r(),
                    r.test() == null ? "not tested" : pValue(r.test().p()), r.nModels(), r.nFamilies(),
                    r.selection().label());
        }
        return (markdown ? "- " : "  ") + line + "\n";
    }

    private void family(StringBuilder sb, FamilyDiagnosis f) {
        heading(sb, 3, f.family() + " — " + ncText(f));
        TextTable t = new TextTable("model", "N (B)", "R", "T", "coupling", "phase").right(1, 2, 3, 4);
        for (int i = 0; i < f.scores().size(); i++) {
            double c = f.coupling(i);
            t.row(f.scores().models().get(i), fmt(f.scores().paramsB()[i]), fix(f.scores().reasoning()[i]),
                    fix(f.scores().truth()[i]), Double.isNaN(c) ? "undefined" : String.format(Locale.ROOT, "%+.3f", c),
                    f.phases().get(i).id());
        }
        table(sb, t);
        if (!f.note().isEmpty()) {
            para(sb, "Note: " + f.note());
        }
    }

    static String ncText(FamilyDiagnosis f) {
        CriticalScale nc = f.nc();
        FamilyBootstrap.Result b = f.bootstrap();
        String censored = b == null || Double.isNaN(b.censoredShare()) ? ""
                : String.format(Locale.ROOT, ", %.0f%% of resamples censored", 100 * b.censoredShare());
        return switch (nc.status()) {
            case CROSSING -> "N_c = " + fmt(nc.paramsB()) + "B"
                    + (b != null && b.ciLog10() != null ? " [" + fmt(Math.pow(10, b.ciLog10()[0])) + "B, "
                    + fmt(Math.pow(10, b.ciLog10()[1])) + "B]" : " (no interval)") + censored;
            case LEFT_CENSORED -> "cooperative at every observed size (N_c < " + fmt(nc.paramsB()) + "B)" + censored;
            case RIGHT_CENSORED -> "tax phase at every observed size (N_c > " + fmt(nc.paramsB()) + "B)" + censored;
            case NO_UPWARD_CROSSING -> "no upward crossing (crosses downward at " + fmt(nc.paramsB()) + "B)" + censored;
            case UNDEFINED -> "N_c undefined";
        };
    }

    private void heading(StringBuilder sb, int level, String text) {
        if (markdown) {
            sb.append("#".repeat(level)).append(' ').append(text).append("\n\n");
        } else if (level == 1) {
            sb.append(text).append('\n').append("=".repeat(text.length())).append("\n\n");
        } else if (level == 2) {
            sb.append(text).append('\n').append("-".repeat(text.length())).append("\n\n");
        } else {
            sb.append(text).append('\n');
        }
    }

    private void para(StringBuilder sb, String text) {
        sb.append(text).append(markdown ? "\n\n" : "\n");
    }

    private void table(StringBuilder sb, TextTable t) {
        sb.append(markdown ? t.markdown() : t.text("  ")).append('\n');
    }

    static String pValue(double p) {
        if (Double.isNaN(p)) {
            return "undefined";
        }
        return p < 1e-3 ? String.format(Locale.ROOT, "%.1e", p) : String.format(Locale.ROOT, "%.4f", p);
    }

    /** Up to 3 significant digits, no exponent for the sizes and settings we print. */
    static String fmt(double v) {
        if (Double.isNaN(v)) {
            return "undefined";
        }
        java.math.BigDecimal bd = new java.math.BigDecimal(v).round(new java.math.MathContext(3));
        return bd.stripTrailingZeros().toPlainString();
    }

    private static String fix(double v) {
        return String.format(Locale.ROOT, "%.3f", v);
    }
}
