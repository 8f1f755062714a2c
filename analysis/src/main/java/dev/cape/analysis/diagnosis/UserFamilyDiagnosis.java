package dev.cape.analysis.diagnosis;

import dev.cape.analysis.coupling.CouplingCurve;
import dev.cape.analysis.coupling.CriticalScale;
import dev.cape.analysis.coupling.FamilyScores;
import dev.cape.analysis.coupling.KernelCoupling;
import dev.cape.analysis.data.Dataset;
import dev.cape.analysis.phase.Phase;
import dev.cape.analysis.resampling.FamilyBootstrap;
import dev.cape.analysis.resampling.RandomStreams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Diagnosis of one family against reference families, with suggested interventions (spec §9).
 *
 * <p><b>Family of ≥ 3 models</b> (with a defined coupling curve): each model's coupling c(x_i) and phase, N_c with its
 * bootstrap interval ({@link FamilyBootstrap}), and three interventions, each with the quantity that decides it:
 * <ul>
 *   <li><b>Width</b>: for every model with a known hidden width d, Δ_i = log2 d_i − median over reference families of
 *   their log2 d at x_i (linear interpolation in x = log10 N within each reference family's sized models with known
 *   widths; only families whose width range covers x_i). Suggested when the family has tax-phase models with Δ and
 *   their mean Δ is &lt; 0 (the tax region coincides with narrower widths than the references at the same scale).</li>
 *   <li><b>Data curation</b>: the bundled data have no field that records data curation ({@code quirks} flags data
 *   quality only), so the comparison is defined on N_c alone: the share of reference families (with a crossing or
 *   left-censored N_c) that reach cooperation at a smaller N than this family — N_c (or, when left-censored, the
 *   smallest observed size) below this family's N_c, or below its largest size when it is in the tax phase at every
 *   observed size. Suggested when that share is ≥ 0.5.</li>
 *   <li><b>Benchmark rotation</b>: the phases are recomputed with each leave-one-out choice of the reasoning
 *   benchmarks and each available truthfulness metric (the selected one and every other benchmark whose id contains
 *   "truthful"); the phase is stable when every model has the same defined phase in every variant. Suggested (as a
 *   check before acting on the phase) when it is not stable.</li>
 * </ul>
 *
 * <p><b>Family of 1–2 models</b> (or an undefined curve): each model is placed against the reference families whose
 * observed range covers its scale: their couplings there, the count of references in each phase, and the model's
 * percentile of R and T among reference models within one bandwidth of its scale. The result says the diagnosis is
 * weak; interventions are not assessable.
 */
public final class UserFamilyDiagnosis {

    /** Stream id of the family bootstrap under the seed. */
    static final int STREAM_BOOTSTRAP = 1;

    private final DiagnosisOptions options;

    private UserFamilyDiagnosis(DiagnosisOptions options) {
        this.options = options;
    }

    public static UserFamilyDiagnosis with(DiagnosisOptions options) {
        return new UserFamilyDiagnosis(Objects.requireNonNull(options, "options"));
    }

    /** Whether an intervention is suggested by its quantity. */
    public enum Verdict {
        SUGGESTED("suggested"), NOT_SUGGESTED("not_suggested"), NOT_ASSESSABLE("not_assessable");

        private final String id;

        Verdict(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /**
     * One suggested (or not) intervention.
     *
     * @param name     "width", "data_curation" or "benchmark_rotation"
     * @param verdict  the verdict
     * @param quantity the deciding quantity (NaN when not assessable)
     * @param rule     how the quantity decides, in words
     * @param message  the finding in one line
     */
    public record Intervention(String name, Verdict verdict, double quantity, String rule, String message) {
    }

    /**
     * One model of the family.
     *
     * @param model          model name
     * @param paramsB        size in billions
     * @param reasoning      R
     * @param truth          T
     * @param coupling       c(x_i), NaN when undefined
     * @param phase          phase
     * @param log2Width      log2 d, NaN when unknown
     * @param referenceLog2Width median reference log2 d at this scale, NaN when no reference covers it
     */
    public record ModelRow(String model, double paramsB, double reasoning, double truth, double coupling, Phase phase,
                           double log2Width, double referenceLog2Width) {

        /** log2 d − reference log2 d; NaN when either is unknown. */
        public double widthDelta() {
            return log2Width - referenceLog2Width;
        }
    }

    /**
     * A model of a small family placed against the reference families at its scale.
     *
     * @param model            model name
     * @param paramsB          size
     * @param families         reference families whose observed range covers the scale
     * @param meanCoupling     mean of their couplings there (NaN when none)
     * @param phaseCounts      how many of them are in each phase there
     * @param reasoningPercentile percentile (0–100) of the model's R among reference models within one bandwidth
     * @param truthPercentile  likewise for T
     * @param neighbours       reference models within one bandwidth
     */
    public record Placement(String model, double paramsB, List<String> families, double meanCoupling,
                            Map<Phase, Integer> phaseCounts, double reasoningPercentile, double truthPercentile,
                            int neighbours) {
    }

    /**
     * One benchmark choice of the rotation.
     *
     * @param reasoning the reasoning benchmarks
     * @param truth     the truthfulness metric
     * @param phases    model → phase (models lacking a benchmark of this choice are absent)
     * @param nc        N_c status and value in words
     * @param note      why phases are missing, or empty
     */
    public record RotationRow(List<String> reasoning, String truth, Map<String, Phase> phases, String nc, String note) {
    }

    /**
     * The benchmark-rotation table.
     *
     * @param rows           the full selection first, then every variant
     * @param truthMetrics   the truthfulness metrics found
     * @param stable         every model has the same defined phase in every row
     * @param unstableModels models whose phase differs between rows or is undefined in some row
     */
    public record Rotation(List<RotationRow> rows, List<String> truthMetrics, boolean stable,
                           List<String> unstableModels) {
    }

    /**
     * The result.
     *
     * @param family            the family
     * @param weak              true for 1–2 models or an undefined curve: only the placement is given
     * @param message           the overall finding in one line
     * @param models            one row per model, ascending size
     * @param nc                N_c of the family (UNDEFINED when weak)
     * @param ncCiB             bootstrap 95% interval of N_c in billions, or null
     * @param placements        the placement of each model (weak diagnoses only; empty otherwise)
     * @param interventions     width, data curation, benchmark rotation
     * @param rotation          the rotation table (null when weak)
     * @param referenceSource   where the reference families came from
     * @param referenceFamilies reference families with a defined coupling curve
     * @param options           the settings used
     */
    public record Result(String family, boolean weak, String message, List<ModelRow> models, CriticalScale nc,
                         double[] ncCiB, List<Placement> placements, List<Intervention> interventions,
                         Rotation rotation, String referenceSource, List<String> referenceFamilies,
                         DiagnosisOptions options) {
    }

    private record Reference(FamilyScores scores, CouplingCurve curve, CriticalScale nc) {
    }

    /**
     * Diagnoses {@code family} of {@code data}; reference families are the other families of {@code reference}.
     *
     * @throws IllegalArgumentException naming the available families when the family is absent
     */
    public Result diagnose(Dataset data, String family, Dataset reference) {
        Composites.Split split = Composites.of(data, options.reasoning(), options.truth());
        FamilyScores f = split.require(family);
        KernelCoupling coupling = KernelCoupling.withDefaults().withBandwidth(options.bandwidth());
        List<Reference> refs = references(reference, family, coupling);
        List<String> refNames = refs.stream().map(r -> r.scores().family()).toList();
        CouplingCurve curve = f.size() >= KernelCoupling.MIN_MODELS ? coupling.fit(f) : null;
        boolean weak = curve == null || !curve.defined();
        List<ModelRow> rows = new ArrayList<>();
        double[] x = f.log10Params();
        for (int i = 0; i < f.size(); i++) {
            double c = weak ? Double.NaN : curve.modelC()[i];
            double w = f.width()[i];
            rows.add(new ModelRow(f.models().get(i), f.paramsB()[i], f.reasoning()[i], f.truth()[i], c,
                    Phase.of(c, options.tau()), Double.isNaN(w) ? Double.NaN : log2(w), referenceWidth(refs, x[i])));
        }
        if (weak) {
            List<Placement> placements = new ArrayList<>();
            for (int i = 0; i < f.size(); i++) {
                placements.add(place(f, i, refs));
            }
            String why = f.size() < KernelCoupling.MIN_MODELS ? f.size() + " model(s) with all selected scores"
                    : "a coupling curve that is undefined (R or T constant within the family)";
            String need = " a defined coupling curve (>= 3 models, R and T not constant)";
            List<Intervention> none = List.of(
                    notAssessable("width", "finding the tax region needs" + need),
                    notAssessable("data_curation", "N_c needs" + need),
                    notAssessable("benchmark_rotation", "phases need" + need));
            return new Result(f.family(), true, "Weak diagnosis: " + f.family() + " has " + why + "; its models are "
                    + "only placed against the pooled reference families at the same scale, and no phase, N_c or "
                    + "intervention can be computed for the family itself.", rows, new CriticalScale(
                    CriticalScale.Status.UNDEFINED, Double.NaN), null, placements, none, null, reference.source(),
                    refNames, options);
        }
        CriticalScale nc = CriticalScale.of(curve);
        FamilyBootstrap.Result boot = FamilyBootstrap.withDefaults().withResamples(options.familyBootstrap())
                .bootstrap(f, coupling, RandomStreams.of(options.seed()).stream(STREAM_BOOTSTRAP), options.seed());
        double[] ci = nc.status() == CriticalScale.Status.CROSSING && boot.ciLog10() != null
                ? new double[] {Math.pow(10, boot.ciLog10()[0]), Math.pow(10, boot.ciLog10()[1])} : null;
        Rotation rotation = rotation(data, f, coupling);
        List<Intervention> interventions = List.of(width(rows), curation(f, nc, refs), rotationVerdict(rotation));
        long tax = rows.stream().filter(r -> r.phase() == Phase.TAX).count();
        long coop = rows.stream().filter(r -> r.phase() == Phase.COOPERATIVE).count();
        String message = String.format(Locale.ROOT, "%s: %d models, %d in the tax phase, %d cooperative; %s; "
                        + "%d intervention(s) suggested.", f.family(), f.size(), tax, coop, ncWords(nc),
                interventions.stream().filter(i -> i.verdict() == Verdict.SUGGESTED).count());
        return new Result(f.family(), false, message, rows, nc, ci, List.of(), interventions, rotation,
                reference.source(), refNames, options);
    }

    private List<Reference> references(Dataset reference, String family, KernelCoupling coupling) {
        List<Reference> out = new ArrayList<>();
        for (FamilyScores g : Composites.of(reference, options.reasoning(), options.truth()).families()) {
            if (g.family().equals(family) || g.size() < KernelCoupling.MIN_MODELS) {
                continue;
            }
            CouplingCurve c = coupling.fit(g);
            if (c.defined()) {
                out.add(new Reference(g, c, CriticalScale.of(c)));
            }
        }
        return out;
    }

    /** Median over reference families of their interpolated log2 width at x; NaN when none covers x. */
    static double referenceWidthOf(List<FamilyScores> families, double x) {
        List<Double> values = new ArrayList<>();
        for (FamilyScores g : families) {
            TreeMap<Double, double[]> byX = new TreeMap<>(); // x → {sum log2 d, count}
            double[] gx = g.log10Params();
            for (int i = 0; i < g.size(); i++) {
                if (!Double.isNaN(g.width()[i])) {
                    double[] acc = byX.computeIfAbsent(gx[i], k -> new double[2]);
                    acc[0] += log2(g.width()[i]);
                    acc[1]++;
                }
            }
            if (byX.isEmpty() || x < byX.firstKey() || x > byX.lastKey()) {
                continue;
            }
            Map.Entry<Double, double[]> lo = byX.floorEntry(x);
            Map.Entry<Double, double[]> hi = byX.ceilingEntry(x);
            double wlo = lo.getValue()[0] / lo.getValue()[1];
            double whi = hi.getValue()[0] / hi.getValue()[1];
            values.add(lo.getKey().equals(hi.getKey()) ? wlo
                    : wlo + (x - lo.getKey()) / (hi.getKey() - lo.getKey()) * (whi - wlo));
        }
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double[] v = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static double referenceWidth(List<Reference> refs, double x) {
        return referenceWidthOf(refs.stream().map(Reference::scores).toList(), x);
    }

    private Intervention width(List<ModelRow> rows) {
        String rule = "suggested when the mean of log2 d - reference log2 d at the same N over tax-phase models "
                + "is < 0";
        List<ModelRow> tax = rows.stream().filter(r -> r.phase() == Phase.TAX).toList();
        if (tax.isEmpty()) {
            return new Intervention("width", Verdict.NOT_SUGGESTED, Double.NaN, rule,
                    "no model is in the tax phase, so there is no tax region to widen");
        }
        double[] d = tax.stream().mapToDouble(ModelRow::widthDelta).filter(Double::isFinite).toArray();
        if (d.length == 0) {
            return new Intervention("width", Verdict.NOT_ASSESSABLE, Double.NaN, rule, "no tax-phase model has a "
                    + "known hidden width with reference families of known width at its scale");
        }
        double mean = Arrays.stream(d).average().orElseThrow();
        boolean narrow = mean < 0;
        return new Intervention("width", narrow ? Verdict.SUGGESTED : Verdict.NOT_SUGGESTED, mean, rule,
                String.format(Locale.ROOT, "the %d tax-phase model(s) with known width are on average %.2f octaves "
                                + "%s than the reference families at the same scale (%s)", d.length, Math.abs(mean),
                        narrow ? "narrower" : "wider or equal", narrow ? "widen the model at these sizes"
                                : "width does not explain the tax region"));
    }

    private Intervention curation(FamilyScores f, CriticalScale nc, List<Reference> refs) {
        String rule = "comparison on N_c alone (the data record no curation): share of reference families with a "
                + "crossing or left-censored N_c that reach cooperation at a smaller N; suggested when >= 0.5";
        double bound;
        switch (nc.status()) {
            case CROSSING -> bound = nc.paramsB();
            case RIGHT_CENSORED -> bound = nc.paramsB();
            case LEFT_CENSORED -> {
                return new Intervention("data_curation", Verdict.NOT_SUGGESTED, Double.NaN, rule,
                        "cooperative at every observed size: already at the small-N_c end");
            }
            case NO_UPWARD_CROSSING -> {
                return new Intervention("data_curation", Verdict.NOT_ASSESSABLE, Double.NaN, rule,
                        "the coupling falls with scale (no upward crossing), so a comparison of N_c does not apply");
            }
            default -> {
                return new Intervention("data_curation", Verdict.NOT_ASSESSABLE, Double.NaN, rule, "N_c undefined");
            }
        }
        int usable = 0;
        int smaller = 0;
        for (Reference r : refs) {
            CriticalScale s = r.nc();
            if (s.status() == CriticalScale.Status.CROSSING || s.status() == CriticalScale.Status.LEFT_CENSORED) {
                usable++;
                if (s.paramsB() < bound) {
                    smaller++;
                }
            }
        }
        if (usable == 0) {
            return new Intervention("data_curation", Verdict.NOT_ASSESSABLE, Double.NaN, rule,
                    "no reference family reaches cooperation inside its observed range");
        }
        double share = smaller / (double) usable;
        String what = nc.status() == CriticalScale.Status.CROSSING ? "its N_c = " + num(bound) + "B"
                : "its largest size " + num(bound) + "B (tax phase at every observed size)";
        return new Intervention("data_curation", share >= 0.5 ? Verdict.SUGGESTED : Verdict.NOT_SUGGESTED, share, rule,
                String.format(Locale.ROOT, "%d of %d reference families reach cooperation below %s (share %.2f)%s",
                        smaller, usable, what, share, share >= 0.5 ? ": families that reach cooperation earlier "
                                + "differ in recipe; curated data is one candidate" : ""));
    }

    private Intervention rotationVerdict(Rotation r) {
        String rule = "suggested (check before acting on the phase) when any model's phase differs between the "
                + "leave-one-out reasoning sets and truthfulness metrics";
        double variants = r.rows().size();
        if (r.stable()) {
            return new Intervention("benchmark_rotation", Verdict.NOT_SUGGESTED, variants, rule, String.format(
                    Locale.ROOT, "every model keeps its phase in all %d benchmark choices", r.rows().size()));
        }
        return new Intervention("benchmark_rotation", Verdict.SUGGESTED, variants, rule, String.format(Locale.ROOT,
                "the phase of %d model(s) changes between the %d benchmark choices (%s): the diagnosis depends on "
                        + "the benchmarks", r.unstableModels().size(), r.rows().size(),
                String.join(", ", r.unstableModels())));
    }

    /** The rotation table: the selected benchmarks, then each leave-one-out reasoning set, for each truth metric. */
    Rotation rotation(Dataset data, FamilyScores f, KernelCoupling coupling) {
        Set<String> truths = new LinkedHashSet<>();
        truths.add(options.truth());
        for (String b : data.benchmarks()) {
            if (b.toLowerCase(Locale.ROOT).contains("truthful")) {
                truths.add(b);
            }
        }
        List<List<String>> sets = new ArrayList<>();
        sets.add(options.reasoning());
        if (options.reasoning().size() >= 2) {
            for (String drop : options.reasoning()) {
                sets.add(options.reasoning().stream().filter(b -> !b.equals(drop)).toList());
            }
        }
        List<RotationRow> rows = new ArrayList<>();
        for (String truth : truths) {
            for (List<String> set : sets) {
                rows.add(row(data, f.family(), set, truth, coupling));
            }
        }
        Map<String, Set<Phase>> seen = new LinkedHashMap<>();
        for (String m : f.models()) {
            seen.put(m, new LinkedHashSet<>());
        }
        for (RotationRow row : rows) {
            for (String m : f.models()) {
                seen.get(m).add(row.phases().getOrDefault(m, Phase.UNDEFINED));
            }
        }
        List<String> unstable = seen.entrySet().stream()
                .filter(e -> e.getValue().size() > 1 || e.getValue().contains(Phase.UNDEFINED))
                .map(Map.Entry::getKey).toList();
        return new Rotation(rows, List.copyOf(truths), unstable.isEmpty(), unstable);
    }

    private RotationRow row(Dataset data, String family, List<String> set, String truth, KernelCoupling coupling) {
        FamilyScores g;
        try {
            g = Composites.of(data, set, truth).require(family);
        } catch (IllegalArgumentException e) {
            return new RotationRow(set, truth, Map.of(), "undefined", e.getMessage());
        }
        if (g.size() < KernelCoupling.MIN_MODELS) {
            return new RotationRow(set, truth, Map.of(), "undefined", g.size() + " model(s) with these benchmarks");
        }
        CouplingCurve c = coupling.fit(g);
        Map<String, Phase> phases = new LinkedHashMap<>();
        for (int i = 0; i < g.size(); i++) {
            phases.put(g.models().get(i), Phase.of(c.modelC()[i], options.tau()));
        }
        return new RotationRow(set, truth, phases, ncWords(CriticalScale.of(c)), "");
    }

    private Placement place(FamilyScores f, int i, List<Reference> refs) {
        double x = Math.log10(f.paramsB()[i]);
        List<String> fams = new ArrayList<>();
        Map<Phase, Integer> counts = new EnumMap<>(Phase.class);
        for (Phase p : Phase.values()) {
            counts.put(p, 0);
        }
        double sum = 0;
        int n = 0;
        List<Double> rs = new ArrayList<>();
        List<Double> ts = new ArrayList<>();
        for (Reference r : refs) {
            double c = r.curve().at(x);
            if (!Double.isNaN(c)) {
                fams.add(r.scores().family());
                counts.merge(Phase.of(c, options.tau()), 1, Integer::sum);
                sum += c;
                n++;
            }
            double[] gx = r.scores().log10Params();
            for (int k = 0; k < gx.length; k++) {
                if (Math.abs(gx[k] - x) <= options.bandwidth()) {
                    rs.add(r.scores().reasoning()[k]);
                    ts.add(r.scores().truth()[k]);
                }
            }
        }
        return new Placement(f.models().get(i), f.paramsB()[i], fams, n == 0 ? Double.NaN : sum / n, counts,
                percentile(rs, f.reasoning()[i]), percentile(ts, f.truth()[i]), rs.size());
    }

    /** Percentage of values ≤ v (ties count half), NaN for no values. */
    static double percentile(List<Double> values, double v) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double below = 0;
        for (double d : values) {
            below += d < v ? 1 : d == v ? 0.5 : 0;
        }
        return 100 * below / values.size();
    }

    private Intervention notAssessable(String name, String why) {
        return new Intervention(name, Verdict.NOT_ASSESSABLE, Double.NaN, "", why);
    }

    /** N_c in words, as the reports print it. */
    public static String ncWords(CriticalScale nc) {
        return switch (nc.status()) {
            case CROSSING -> "N_c = " + num(nc.paramsB()) + "B";
            case LEFT_CENSORED -> "cooperative at every observed size (N_c < " + num(nc.paramsB()) + "B)";
            case RIGHT_CENSORED -> "tax phase at every observed size (N_c > " + num(nc.paramsB()) + "B)";
            case NO_UPWARD_CROSSING -> "no upward crossing (crosses downward at " + num(nc.paramsB()) + "B)";
            case UNDEFINED -> "N_c undefined";
        };
    }

    private static double log2(double v) {
        return Math.log(v) / Math.log(2);
    }

    private static String num(double v) {
        return Double.isFinite(v) ? new java.math.BigDecimal(v).round(new java.math.MathContext(3))
                .stripTrailingZeros().toPlainString() : "undefined";
    }
}
