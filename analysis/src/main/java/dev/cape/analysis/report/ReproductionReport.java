package dev.cape.analysis.report;

import dev.cape.analysis.compare.MatchedScaleComparison;
import dev.cape.analysis.coupling.CouplingCurve;
import dev.cape.analysis.coupling.FamilyScores;
import dev.cape.analysis.coupling.KernelCoupling;
import dev.cape.analysis.data.Dataset;
import dev.cape.analysis.data.ModelRecord;
import dev.cape.analysis.diagnosis.Composites;
import dev.cape.analysis.diagnosis.DiagnosisOptions;
import dev.cape.analysis.diagnosis.DiagnosisResult;
import dev.cape.analysis.diagnosis.PhaseDiagnosis;
import dev.cape.analysis.frontier.FrontierCorrelation;
import dev.cape.analysis.frontier.FrontierTable;
import dev.cape.analysis.ode.HoldOutPrediction;
import dev.cape.analysis.ode.HoldOutStatus;
import dev.cape.analysis.ode.LofoTable;
import dev.cape.analysis.ode.Sindy;
import dev.cape.analysis.phase.PooledPhaseCorrelation;
import dev.cape.analysis.resampling.MeanCriticalScale;
import dev.cape.analysis.resampling.ProgressListener;
import dev.cape.analysis.resampling.RandomStreams;
import dev.cape.analysis.width.WidthNormalisation;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Computes every headline number of the study (method §10, {@link PaperValues}) on the given data and sets each
 * beside the paper's value, with our interval and a one-line reason where they differ.
 *
 * <p>Steps and their sources: the phase diagnosis ({@link PhaseDiagnosis}: pooled tax r with its re-selecting
 * permutation p, mean N_c, width normalisation), the matched-scale comparison of Qwen1.5 and Qwen2.5
 * ({@link MatchedScaleComparison}), the coupling of a Gemma-4 family when the data hold one, the SINDy hold-out of
 * Llama-2 and the leave-one-family-out table ({@link Sindy}), and the frontier correlation
 * ({@link FrontierCorrelation}). The pooled r's interval is the Fisher-z interval tanh(atanh r ± z/√(n − 3)), an
 * approximation that ignores the within-family standardisation and the phase selection. Random steps draw from
 * child streams of the seed: the diagnosis from the seed itself, the comparison from child 10, the frontier from
 * child 11.
 */
public final class ReproductionReport {

    /** Stream ids under the seed. */
    static final int STREAM_COMPARE = 10;
    static final int STREAM_FRONTIER = 11;

    /**
     * The settings of a report.
     *
     * @param diagnosis             settings of the phase diagnosis (seed, permutations, bootstraps, benchmarks)
     * @param compareBootstrap      bootstrap resamples per family of the matched-scale comparison
     * @param compareAtB            the matched scale of the Qwen comparison, billions
     * @param frontierPermutations  permutations of the frontier test
     * @param frontierBootstrap     bootstrap resamples of the frontier test
     * @param heldOut               held-out family of the ODE
     */
    public record Options(DiagnosisOptions diagnosis, int compareBootstrap, double compareAtB,
                          int frontierPermutations, int frontierBootstrap, String heldOut) {

        public Options {
            Objects.requireNonNull(diagnosis, "diagnosis");
            if (compareBootstrap < 1 || frontierPermutations < 1 || frontierBootstrap < 1) {
                throw new IllegalArgumentException("resample counts must be >= 1: " + compareBootstrap + ", "
                        + frontierPermutations + ", " + frontierBootstrap);
            }
            if (!(compareAtB > 0) || !Double.isFinite(compareAtB)) {
                throw new IllegalArgumentException("compare scale must be a finite number > 0: " + compareAtB);
            }
        }

        /** The method's defaults; the Qwen comparison at 4B; Llama-2 held out. */
        public static Options defaults() {
            return new Options(DiagnosisOptions.defaults(), MatchedScaleComparison.DEFAULT_BOOTSTRAP, 4, 100_000,
                    10_000, Sindy.DEFAULT_HELD_OUT);
        }

        public Options withDiagnosis(DiagnosisOptions d) {
            return new Options(d, compareBootstrap, compareAtB, frontierPermutations, frontierBootstrap, heldOut);
        }
    }

    /** What a row holds. */
    public enum Status {
        /** Computed on the data. */
        COMPUTED("computed"),
        /** The data lack what the number needs (e.g. the family is absent). */
        NOT_IN_DATA("not_in_data"),
        /** Needs model internals (weights and activations), not public scores. */
        NEEDS_MODEL_INTERNALS("needs_model_internals");

        private final String id;

        Status(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /**
     * One headline number.
     *
     * @param paper     the paper's headline
     * @param status    computed, or why not
     * @param ours      our value (NaN when not computed or undefined)
     * @param lower     lower end of our interval (NaN when none)
     * @param upper     upper end (NaN when none)
     * @param oursText  our value as printed, with its unit
     * @param interval  what the interval is ("BCa 95% bootstrap over families", ...), or why there is none
     * @param agreement "agrees", "differs" or "not compared", and on what basis
     * @param reason    a one-line reason where ours differs, or what would be needed; empty when it agrees
     */
    public record Row(PaperValues.Headline paper, Status status, double ours, double lower, double upper,
                      String oursText, String interval, String agreement, String reason) {
    }

    /**
     * The report.
     *
     * @param source        the base-model data
     * @param frontierSource the frontier data
     * @param rows          one row per headline, in the order of {@link PaperValues#ALL}
     * @param options       the settings used
     * @param notes         import notes and anything else worth knowing about the run
     */
    public record Result(String source, String frontierSource, List<Row> rows, Options options, List<String> notes) {
        public Result {
            rows = List.copyOf(rows);
            notes = List.copyOf(notes);
        }
    }

    private final Options options;

    private ReproductionReport(Options options) {
        this.options = options;
    }

    public static ReproductionReport with(Options options) {
        return new ReproductionReport(Objects.requireNonNull(options, "options"));
    }

    public Result run(Dataset data, FrontierTable frontier, ProgressListener progress) {
        DiagnosisOptions o = options.diagnosis();
        DiagnosisResult d = PhaseDiagnosis.with(o).run(data, progress);
        RandomStreams root = RandomStreams.of(o.seed());
        List<Row> rows = new ArrayList<>();
        rows.addAll(pooled(d));
        rows.add(meanNc(d.meanNc()));
        rows.addAll(qwen(data, root));
        rows.add(gemma4(data));
        rows.add(width(d.width()));
        rows.add(new Row(PaperValues.HEADS, Status.NEEDS_MODEL_INTERNALS, Double.NaN, Double.NaN, Double.NaN,
                "needs model internals: see `cape heads`", "none", "not compared",
                "counting competing heads needs per-head attributions from the model weights, not public scores"));
        rows.add(ode(data));
        rows.add(frontier(frontier, root));
        rows.add(new Row(PaperValues.STEERING, Status.NEEDS_MODEL_INTERNALS, Double.NaN, Double.NaN, Double.NaN,
                "needs model internals: see `cape steer`", "none", "not compared",
                "steering adds a direction to the residual stream of a running model; public scores cannot show it"));
        List<String> notes = new ArrayList<>(d.importNotes());
        notes.addAll(frontier.notes());
        return new Result(data.source(), frontier.source(), rows, options, notes);
    }

    private List<Row> pooled(DiagnosisResult d) {
        PooledPhaseCorrelation.Result tax = d.tax();
        List<Row> rows = new ArrayList<>();
        if (Double.isNaN(tax.r())) {
            String why = "no family has 3 or more tax-phase models in the data";
            rows.add(notComputed(PaperValues.TAX_R, why));
            rows.add(notComputed(PaperValues.TAX_P, why));
            return rows;
        }
        int n = tax.nModels();
        double lo = Double.NaN;
        double hi = Double.NaN;
        if (n > 3 && Math.abs(tax.r()) < 1) {
            double z = 0.5 * Math.log((1 + tax.r()) / (1 - tax.r()));
            double se = 1 / Math.sqrt(n - 3);
            double q = new NormalDistribution().inverseCumulativeProbability(0.975);
            lo = Math.tanh(z - q * se);
            hi = Math.tanh(z + q * se);
        }
        String data = String.format(Locale.ROOT, "%d tax-phase models of %d families", n, tax.nFamilies());
        boolean inside = lo <= PaperValues.TAX_R.value() && PaperValues.TAX_R.value() <= hi;
        rows.add(new Row(PaperValues.TAX_R, Status.COMPUTED, tax.r(), lo, hi,
                String.format(Locale.ROOT, "r = %+.3f (%s)", tax.r(), data),
                "Fisher-z 95% (approximate: ignores within-family z-scoring and phase selection)",
                Double.isNaN(lo) ? "not compared (no interval)" : inside ? "agrees (paper value inside our CI)"
                        : "differs (paper value outside our CI)",
                inside ? "" : "different data: the bundled public leaderboard scores (" + data
                        + "), not the paper's model set"));
        double p = tax.test() == null ? Double.NaN : tax.test().p();
        boolean bothSignificant = p < 0.05 && PaperValues.TAX_P.value() < 0.05;
        rows.add(new Row(PaperValues.TAX_P, Double.isNaN(p) ? Status.NOT_IN_DATA : Status.COMPUTED, p, Double.NaN,
                Double.NaN, Double.isNaN(p) ? "not tested" : String.format(Locale.ROOT, "p = %.2g (%s, %d permutations)",
                p, tax.selection().label(), tax.test().permutations()), "none (a p-value)",
                bothSignificant ? "agrees (both < 0.05)" : "differs (not both < 0.05)",
                String.format(Locale.ROOT, "p is bounded below by 1/(B + 1) = %.1g and the phase selection is re-run "
                        + "on every permutation (more conservative than a fixed selection); %s",
                        1.0 / (options.diagnosis().permutations() + 1), data)));
        return rows;
    }

    private Row meanNc(MeanCriticalScale.Result m) {
        if (m.geometricMean().isEmpty()) {
            return notComputed(PaperValues.MEAN_NC, m.message());
        }
        double g = m.geometricMean().getAsDouble();
        double lo = m.bca().map(b -> b.interval().lower()).orElse(Double.NaN);
        double hi = m.bca().map(b -> b.interval().upper()).orElse(Double.NaN);
        boolean inside = lo <= PaperValues.MEAN_NC.value() && PaperValues.MEAN_NC.value() <= hi;
        int censored = m.leftCensored() + m.rightCensored();
        String fit = m.censoredFit().mean().isPresent() ? String.format(Locale.ROOT,
                "; the censored-normal fit over all %d families gives %s", m.censoredFit().exact()
                        + m.censoredFit().censored(), b(m.censoredFit().mean().getAsDouble())) : "";
        return new Row(PaperValues.MEAN_NC, Status.COMPUTED, g, lo, hi,
                String.format(Locale.ROOT, "%s (geometric mean of %d uncensored families)", b(g), m.uncensored()),
                "BCa 95% bootstrap over families", inside ? "agrees (paper value inside our CI)"
                        : "differs (paper value outside our CI)",
                String.format(Locale.ROOT, "censoring: %d families cross inside their observed range, %d are censored "
                        + "(%d cooperative at every size, %d tax at every size) and left out of the geometric mean%s",
                        m.uncensored(), censored, m.leftCensored(), m.rightCensored(), fit));
    }

    private List<Row> qwen(Dataset data, RandomStreams root) {
        DiagnosisOptions o = options.diagnosis();
        Composites.Split split = Composites.of(data, o.reasoning(), o.truth());
        KernelCoupling kernel = KernelCoupling.withDefaults().withBandwidth(o.bandwidth());
        MatchedScaleComparison.Result r;
        FamilyScores a;
        FamilyScores b;
        try {
            a = split.require("Qwen1.5");
            b = split.require("Qwen2.5");
            r = MatchedScaleComparison.withDefaults().with(kernel).withBootstrap(options.compareBootstrap())
                    .withRandom(root.child(STREAM_COMPARE)).compare(a, b, options.compareAtB());
        } catch (IllegalArgumentException e) {
            return List.of(notComputed(PaperValues.QWEN15, e.getMessage()), notComputed(PaperValues.QWEN25,
                    e.getMessage()));
        }
        MatchedScaleComparison.Point p = r.points().get(0);
        Set<String> quirks = new LinkedHashSet<>();
        for (ModelRecord m : data.models()) {
            if (m.family().equals("Qwen2.5")) {
                quirks.addAll(m.quirks());
            }
        }
        String scale = "at " + num(options.compareAtB()) + "B (the method does not state the paper's matched scale)";
        List<Row> rows = new ArrayList<>();
        rows.add(coupling(PaperValues.QWEN15, p.couplingA(), scale, "Qwen1.5 " + levelText(kernel.fit(a),
                PaperValues.QWEN15.value())));
        rows.add(coupling(PaperValues.QWEN25, p.couplingB(), scale, "Qwen2.5 " + levelText(kernel.fit(b),
                PaperValues.QWEN25.value()) + (quirks.isEmpty() ? "" : "; its rows carry the quirks "
                + String.join(", ", quirks) + " (vendor harness and benchmark variants differ from the leaderboard)")));
        return rows;
    }

    /** Where the curve first passes the level, in words ("passes 0.025 at 35.1B", or never). */
    static String levelText(CouplingCurve c, double level) {
        double[] x = c.gridX();
        double[] v = c.gridC();
        for (int k = 1; k < x.length; k++) {
            if (Double.isNaN(v[k]) || Double.isNaN(v[k - 1])) {
                continue;
            }
            if ((v[k - 1] - level) * (v[k] - level) <= 0 && v[k] != v[k - 1]) {
                double xs = x[k - 1] + (level - v[k - 1]) / (v[k] - v[k - 1]) * (x[k] - x[k - 1]);
                return String.format(Locale.ROOT, "has the paper's value %+.3f at %sB on our curve", level,
                        num(Math.pow(10, xs)));
            }
        }
        return String.format(Locale.ROOT, "never has the paper's value %+.3f inside its observed range", level);
    }

    private Row coupling(PaperValues.Headline h, MatchedScaleComparison.Estimate e, String scale, String detail) {
        boolean inside = e.hasInterval() && e.lower() <= h.value() && h.value() <= e.upper();
        return new Row(h, Status.COMPUTED, e.value(), e.lower(), e.upper(),
                String.format(Locale.ROOT, "c = %+.3f %s", e.value(), scale),
                e.hasInterval() ? "percentile 95% bootstrap over the family's models" : "none (too few defined resamples)",
                !e.hasInterval() ? "not compared (no interval)" : inside ? "agrees (paper value inside our CI)"
                        : "differs (paper value outside our CI)",
                inside ? "" : "different data and scale: " + detail);
    }

    private Row gemma4(Dataset data) {
        DiagnosisOptions o = options.diagnosis();
        Composites.Split split = Composites.of(data, o.reasoning(), o.truth());
        FamilyScores g;
        try {
            g = split.require("Gemma-4");
        } catch (IllegalArgumentException e) {
            boolean present = data.models().stream().anyMatch(m -> m.family().equals("Gemma-4"));
            return new Row(PaperValues.GEMMA4, Status.NOT_IN_DATA, Double.NaN, Double.NaN, Double.NaN,
                    "not computable", "none", "not compared", present ? e.getMessage()
                    : "the data have no Gemma-4 family");
        }
        if (g.size() < KernelCoupling.MIN_MODELS) {
            return new Row(PaperValues.GEMMA4, Status.NOT_IN_DATA, Double.NaN, Double.NaN, Double.NaN,
                    "not computable", "none", "not compared", "Gemma-4 has " + g.size()
                    + " model(s) with all selected scores; a coupling needs >= 3");
        }
        CouplingCurve c = KernelCoupling.withDefaults().withBandwidth(o.bandwidth()).fit(g);
        double v = c.at(Math.log10(4));
        if (Double.isNaN(v)) {
            return new Row(PaperValues.GEMMA4, Status.NOT_IN_DATA, Double.NaN, Double.NaN, Double.NaN,
                    "not computable", "none", "not compared", "4B is outside Gemma-4's observed range or the "
                    + "coupling is undefined there");
        }
        return new Row(PaperValues.GEMMA4, Status.COMPUTED, v, Double.NaN, Double.NaN,
                String.format(Locale.ROOT, "c = %+.3f at 4B", v), "none (use cape compare for a bootstrap interval)",
                Math.abs(v - PaperValues.GEMMA4.value()) < 0.05 ? "agrees (within 0.05)" : "differs (by more than 0.05)",
                "different data: " + g.size() + " Gemma-4 models in " + data.source());
    }

    private Row width(WidthNormalisation.Result w) {
        if (Double.isNaN(w.partialRTax())) {
            return notComputed(PaperValues.WIDTH, "too few tax-phase models with known widths");
        }
        double p = w.taxTest() == null ? Double.NaN : w.taxTest().p();
        return new Row(PaperValues.WIDTH, Status.COMPUTED, w.partialRTax(), Double.NaN, Double.NaN,
                String.format(Locale.ROOT, "partial r(R, T | log2 d) in the tax region = %+.3f, p = %.3g: %s",
                        w.partialRTax(), p, w.anticorrelationVanishes() ? "the anticorrelation vanishes"
                                : "the anticorrelation survives"),
                "none (permutation p; rule |r| < 0.3 or p > 0.05)",
                w.anticorrelationVanishes() ? "agrees (vanishes after normalisation)" : "differs (survives)",
                String.format(Locale.ROOT, "pooled over the tax region of %d families with known widths (%d models), "
                        + "not family by family as the paper states", w.taxFamilies().size(), w.taxModels()));
    }

    private Row ode(Dataset data) {
        DiagnosisOptions o = options.diagnosis();
        Sindy sindy = Sindy.withDefaults().withScores(dev.cape.analysis.ode.CompositeScores.withDefaults()
                .withReasoning(o.reasoning()).withTruth(o.truth()));
        HoldOutPrediction h;
        try {
            h = sindy.holdOut(data, options.heldOut());
        } catch (IllegalArgumentException e) {
            return notComputed(PaperValues.ODE, e.getMessage());
        }
        if (h.mapeCombined().isEmpty()) {
            return notComputed(PaperValues.ODE, h.message());
        }
        LofoTable lofo = sindy.leaveOneFamilyOut(data);
        double[] complete = lofo.rows().stream().filter(r -> r.status() == HoldOutStatus.COMPLETE)
                .mapToDouble(r -> r.mapeCombined().orElse(Double.NaN)).filter(Double::isFinite).sorted().toArray();
        double m = h.mapeCombined().getAsDouble();
        long predicted = h.models().stream().filter(x -> x.apeR().isPresent() || x.apeT().isPresent()).count();
        boolean close = Math.abs(m - PaperValues.ODE.value()) <= 2;
        return new Row(PaperValues.ODE, Status.COMPUTED, m, complete.length == 0 ? Double.NaN : complete[0],
                complete.length == 0 ? Double.NaN : complete[complete.length - 1],
                String.format(Locale.ROOT, "%.2f%% (R %.2f%%, T %.2f%%) held out %s", m, h.mapeR().orElse(Double.NaN),
                        h.mapeT().orElse(Double.NaN), h.family()),
                String.format(Locale.ROOT, "range of leave-one-family-out MAPE over %d complete families (not a CI; "
                        + "mean %.2f%%)", complete.length, lofo.meanMapeCombined().orElse(Double.NaN)),
                close ? "agrees (within 2 percentage points)" : "differs (by more than 2 percentage points)",
                close ? "" : String.format(Locale.ROOT, "different data: %d predicted %s models from public scores, "
                        + "lambda %s fixed; a MAPE over so few points moves with any single score", predicted,
                        h.family(), num(h.fit().threshold())));
    }

    private Row frontier(FrontierTable table, RandomStreams root) {
        FrontierCorrelation.Result r;
        try {
            r = FrontierCorrelation.withDefaults().withPermutations(options.frontierPermutations())
                    .withBootstrap(options.frontierBootstrap()).withRandom(root.child(STREAM_FRONTIER)).test(table);
        } catch (IllegalArgumentException e) {
            return notComputed(PaperValues.FRONTIER, e.getMessage());
        }
        FrontierCorrelation.Estimate e = r.pearson();
        double lo = e.bootstrapCi().map(i -> i.lower()).orElse(Double.NaN);
        double hi = e.bootstrapCi().map(i -> i.upper()).orElse(Double.NaN);
        boolean inside = lo <= PaperValues.FRONTIER.value() && PaperValues.FRONTIER.value() <= hi;
        return new Row(PaperValues.FRONTIER, Status.COMPUTED, e.r(), lo, hi,
                String.format(Locale.ROOT, "r = %+.3f, permutation p = %.2g (%d models, %d labs)", e.r(),
                        e.permutationP(), r.n(), r.labs().size()), "percentile 95% bootstrap over models",
                inside ? "agrees (paper value inside our CI)" : "differs (paper value outside our CI)",
                inside ? "" : String.format(Locale.ROOT, "different sample: %d models from %d labs in %s (paper: %d "
                                + "models, %d labs), each with the benchmarks and evaluation source its row names",
                        r.n(), r.labs().size(), table.source(), PaperValues.FRONTIER_MODELS, PaperValues.FRONTIER_LABS));
    }

    private static Row notComputed(PaperValues.Headline h, String why) {
        return new Row(h, Status.NOT_IN_DATA, Double.NaN, Double.NaN, Double.NaN, "not computable", "none",
                "not compared", why);
    }

    private static String b(double v) {
        return num(v) + "B";
    }

    static String num(double v) {
        return Double.isFinite(v) ? new java.math.BigDecimal(v).round(new java.math.MathContext(3))
                .stripTrailingZeros().toPlainString() : "undefined";
    }
}
