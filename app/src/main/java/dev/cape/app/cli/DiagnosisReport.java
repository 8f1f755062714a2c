package dev.cape.app.cli;

import dev.cape.analysis.coupling.CriticalScale;
import dev.cape.analysis.diagnosis.Composites;
import dev.cape.analysis.diagnosis.DiagnosisOptions;
import dev.cape.analysis.diagnosis.DiagnosisResult;
import dev.cape.analysis.diagnosis.FamilyDiagnosis;
import dev.cape.analysis.phase.PooledPhaseCorrelation;
import dev.cape.analysis.resampling.CensoredNormalFit;
import dev.cape.analysis.resampling.FamilyBootstrap;
import dev.cape.analysis.resampling.Log10Interval;
import dev.cape.analysis.resampling.MeanCriticalScale;
import dev.cape.analysis.resampling.StratifiedPermutationTest;
import dev.cape.analysis.width.WidthNormalisation;
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
        heading(sb, 2, "Mean critical scale");
        meanNc(sb, d.meanNc());
        heading(sb, 2, "Width normalisation");
        width(sb, d.width());
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

    private void meanNc(StringBuilder sb, MeanCriticalScale.Result m) {
        String item = markdown ? "- " : "  ";
        if (m.geometricMean().isPresent()) {
            sb.append(item).append("Geometric mean of uncensored N_c (headline): ").append(fmt(m.geometricMean()
                    .getAsDouble())).append('B').append(m.bca().map(b -> ", BCa 95% CI " + interval(b.interval()))
                    .orElse("")).append(m.percentile().map(p -> ", percentile 95% CI " + interval(p)).orElse(""))
                    .append(String.format(Locale.ROOT, " (%d families)%n", m.uncensored()));
        }
        if (m.status() != MeanCriticalScale.Status.OK) {
            sb.append(item).append(m.message()).append('\n');
        }
        CensoredNormalFit.Result fit = m.censoredFit();
        sb.append(item).append("Censored-normal fit over ").append(fit.exact() + fit.censored()).append(" families (")
                .append(fit.censored()).append(" censored): ");
        if (fit.mean().isPresent()) {
            CensoredNormalFit.Estimate e = fit.estimate().orElseThrow();
            sb.append(fmt(fit.mean().getAsDouble())).append("B, 95% CI ").append(interval(e.profile().orElse(e.wald())))
                    .append(e.profile().isPresent() ? " (profile likelihood)" : " (Wald)").append('\n');
        } else {
            sb.append(fit.message()).append('\n');
        }
        sb.append('\n');
    }

    private void width(StringBuilder sb, WidthNormalisation.Result w) {
        String item = markdown ? "- " : "  ";
        sb.append(item).append("Partial r(R, T | log2 d), all models: ").append(rp(w.all().r().orElse(Double.NaN),
                w.allTest())).append(String.format(Locale.ROOT, " (%d models, %d families)%n", w.all().models(),
                w.familiesUsed().size()));
        sb.append(item).append("Partial r, tax region: ").append(rp(w.partialRTax(), w.taxTest()))
                .append(String.format(Locale.ROOT, " (%d models, %d families)%n", w.taxModels(), w.taxFamilies().size()));
        sb.append(item).append("Ratio variant r(R/log2 d, T/log2 d), tax region: ").append(rp(w.ratioRTax(), w.ratioTest()))
                .append('\n');
        sb.append(item).append(Double.isNaN(w.partialRTax()) ? "Too few tax-phase models with known widths to test."
                : w.anticorrelationVanishes() ? "The tax-phase anticorrelation vanishes after width normalisation "
                + "(|r| < 0.3 or p > 0.05)." : "The tax-phase anticorrelation survives width normalisation.")
                .append("\n\n");
    }

    private static String rp(double r, StratifiedPermutationTest.Result test) {
        if (Double.isNaN(r)) {
            return "undefined";
        }
        return String.format(Locale.ROOT, "%+.3f, p = %s", r, test == null ? "not tested" : pValue(test.p()));
    }

    private static String interval(Log10Interval i) {
        return "[" + fmt(i.lower()) + "B, " + fmt(i.upper()) + "B]";
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
            sb.append(markdown ? "" : "\n");
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
