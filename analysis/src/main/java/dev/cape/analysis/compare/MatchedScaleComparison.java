package dev.cape.analysis.compare;

import dev.cape.analysis.coupling.CouplingCurve;
import dev.cape.analysis.coupling.FamilyScores;
import dev.cape.analysis.coupling.KernelCoupling;
import dev.cape.analysis.resampling.Percentile;
import dev.cape.analysis.resampling.RandomStreams;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import java.util.concurrent.CancellationException;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Coupling of two families at the same scale, with bootstrap intervals, and the equivalent scale (method §6).
 *
 * <p>At each comparison scale x = log10 N: c_A(x) and c_B(x) are the families' coupling curves
 * ({@link KernelCoupling#fit}) interpolated linearly on their grids ({@link CouplingCurve#at}); the difference is
 * c_B(x) − c_A(x). Default comparison scales: every model size of either family inside the overlap of the two
 * observed ranges.
 *
 * <p><b>Equivalent scale</b> of N_A: the smallest x on B's grid where c_B first reaches c_A(x_A), scanning upward
 * from B's smallest size, with linear interpolation between the two grid points that bracket the crossing. If
 * c_B already is ≥ c_A(x_A) at B's smallest size the equivalent scale is at or below that size; if c_B never
 * reaches it, it is "never within B's observed range".
 *
 * <p><b>Bootstrap</b>: each family's models are resampled with replacement (independently, from streams 0 and 1 of
 * the random source), resamples with fewer than 3 distinct sizes are skipped, the curve is re-fitted and evaluated at
 * x (a resample whose range does not contain x gives no value there). The interval is the percentile interval
 * (NumPy {@code quantile}, linear) of the defined replicates; it is reported only when at least
 * {@value #MIN_DEFINED} replicates are defined. The equivalent scale's interval is taken over the paired resamples in
 * which it was reached inside B's range.
 */
public final class MatchedScaleComparison {

    /** Fewest defined bootstrap replicates for an interval. */
    public static final int MIN_DEFINED = 20;
    /** Default bootstrap resamples. */
    public static final int DEFAULT_BOOTSTRAP = 2000;
    private static final int MIN_DISTINCT_SIZES = 3;

    private final KernelCoupling coupling;
    private final int bootstrap;
    private final double confidence;
    private final RandomStreams random;

    private MatchedScaleComparison(KernelCoupling coupling, int bootstrap, double confidence, RandomStreams random) {
        this.coupling = coupling;
        this.bootstrap = bootstrap;
        this.confidence = confidence;
        this.random = random;
    }

    /** Default coupling (h = 0.4), 2,000 resamples, 95% intervals, no random source (set one). */
    public static MatchedScaleComparison withDefaults() {
        return new MatchedScaleComparison(KernelCoupling.withDefaults(), DEFAULT_BOOTSTRAP, 0.95, null);
    }

    public MatchedScaleComparison with(KernelCoupling c) {
        return new MatchedScaleComparison(Objects.requireNonNull(c, "coupling"), bootstrap, confidence, random);
    }

    /** Bootstrap resamples per family, ≥ 1. */
    public MatchedScaleComparison withBootstrap(int b) {
        if (b < 1) {
            throw new IllegalArgumentException("bootstrap resamples must be >= 1: " + b);
        }
        return new MatchedScaleComparison(coupling, b, confidence, random);
    }

    /** Confidence level of the intervals, in (0, 1). */
    public MatchedScaleComparison withConfidence(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1): " + level);
        }
        return new MatchedScaleComparison(coupling, bootstrap, level, random);
    }

    /** The seeded random source; required. */
    public MatchedScaleComparison withRandom(RandomStreams streams) {
        return new MatchedScaleComparison(coupling, bootstrap, confidence, Objects.requireNonNull(streams, "streams"));
    }

    /** How the equivalent scale was found. */
    public enum EquivalentStatus {
        /** B's coupling reaches A's inside B's observed range, at {@link Equivalent#paramsB()}. */
        REACHED("reached"),
        /** B's coupling is already ≥ A's at B's smallest size: the equivalent scale is at or below it. */
        AT_OR_BELOW_SMALLEST("at_or_below_smallest"),
        /** B's coupling stays below A's at every size B was observed at. */
        NEVER_WITHIN_RANGE("never_within_range"),
        /** A's coupling at N_A or B's curve is undefined. */
        UNDEFINED("undefined");

        private final String id;

        EquivalentStatus(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /**
     * A quantity with its bootstrap percentile interval.
     *
     * @param value   the estimate on the data (NaN where undefined)
     * @param lower   lower interval bound, NaN when fewer than {@link #MIN_DEFINED} replicates were defined
     * @param upper   upper interval bound, likewise
     * @param defined bootstrap replicates in which the quantity was defined
     */
    public record Estimate(double value, double lower, double upper, int defined) {
        public boolean hasInterval() {
            return !Double.isNaN(lower);
        }
    }

    /**
     * The equivalent scale of N_A in family B.
     *
     * @param status       what was found
     * @param paramsB      the equivalent N in billions for {@link EquivalentStatus#REACHED}; B's smallest size for
     *                     {@link EquivalentStatus#AT_OR_BELOW_SMALLEST}; B's largest for
     *                     {@link EquivalentStatus#NEVER_WITHIN_RANGE}; NaN when undefined
     * @param lowerB       lower percentile bound of the equivalent N over resamples where it was reached (NaN if none)
     * @param upperB       upper bound, likewise
     * @param reachedShare share of paired resamples in which it was reached inside B's range (NaN with no resample)
     * @param message      one line in words
     */
    public record Equivalent(EquivalentStatus status, double paramsB, double lowerB, double upperB,
                             double reachedShare, String message) {
    }

    /**
     * The comparison at one scale.
     *
     * @param paramsB    the scale N in billions
     * @param couplingA  c_A(x) with interval
     * @param couplingB  c_B(x) with interval
     * @param difference c_B(x) − c_A(x) with interval over paired resamples
     * @param equivalent the scale at which B first reaches c_A(x)
     */
    public record Point(double paramsB, Estimate couplingA, Estimate couplingB, Estimate difference,
                        Equivalent equivalent) {
    }

    /**
     * Settings used.
     *
     * @param bandwidth  kernel bandwidth h
     * @param gridPoints grid points of each curve
     * @param bootstrap  resamples per family
     * @param confidence interval level
     * @param seed       seed of the random source
     */
    public record Settings(double bandwidth, int gridPoints, int bootstrap, double confidence, long seed) {
    }

    /**
     * The result.
     *
     * @param familyA  family A
     * @param familyB  family B
     * @param rangeA   A's observed [min N, max N] in billions
     * @param rangeB   B's observed [min N, max N] in billions
     * @param points   one row per comparison scale, ascending
     * @param settings settings used
     */
    public record Result(String familyA, String familyB, double[] rangeA, double[] rangeB, List<Point> points,
                         Settings settings) {
        public Result {
            points = List.copyOf(points);
        }
    }

    /** Every model size of either family inside the overlap of their observed ranges, ascending (billions). */
    public static double[] overlapScales(FamilyScores a, FamilyScores b) {
        double[] ra = range(a);
        double[] rb = range(b);
        double lo = Math.max(ra[0], rb[0]);
        double hi = Math.min(ra[1], rb[1]);
        TreeSet<Double> s = new TreeSet<>();
        for (FamilyScores f : List.of(a, b)) {
            for (double p : f.paramsB()) {
                if (p >= lo && p <= hi) {
                    s.add(p);
                }
            }
        }
        return s.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /** Compares at every size in the overlap of the two observed ranges; refuses when the ranges do not overlap. */
    public Result compare(FamilyScores a, FamilyScores b) {
        double[] scales = overlapScales(a, b);
        if (scales.length == 0) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "the observed ranges of %s %s and %s %s do not overlap; give a scale (at) inside both",
                    a.family(), rangeText(range(a)), b.family(), rangeText(range(b))));
        }
        return compare(a, b, scales);
    }

    /**
     * Compares at the given scales (billions). Each must lie inside both families' observed ranges.
     *
     * @throws IllegalArgumentException for a family with fewer than 3 models or 3 distinct sizes, a constant score,
     *                                  or a scale outside either observed range
     */
    public Result compare(FamilyScores a, FamilyScores b, double... scalesB) {
        if (random == null) {
            throw new IllegalStateException("no random source: call withRandom(RandomStreams.of(seed)) first");
        }
        CouplingCurve ca = curve(a);
        CouplingCurve cb = curve(b);
        double[] ra = range(a);
        double[] rb = range(b);
        double[] xs = new double[scalesB.length];
        for (int k = 0; k < scalesB.length; k++) {
            double n = scalesB[k];
            if (!(n > 0) || !Double.isFinite(n)) {
                throw new IllegalArgumentException("scale must be a finite number > 0 (billions): " + n);
            }
            for (double[] r : List.of(ra, rb)) {
                if (n < r[0] || n > r[1]) {
                    String fam = r == ra ? a.family() : b.family();
                    throw new IllegalArgumentException(String.format(Locale.ROOT,
                            "scale %sB is outside %s's observed range %s; the coupling is only defined inside it "
                                    + "(overlap of %s and %s: %s)", num(n), fam, rangeText(r), a.family(), b.family(),
                            overlapText(ra, rb)));
                }
            }
            xs[k] = Math.log10(n);
        }
        int m = xs.length;
        double[][] bootA = new double[m][bootstrap];
        double[][] bootB = new double[m][bootstrap];
        double[][] bootEq = new double[m][bootstrap];
        int[] reached = new int[m];
        int[] eqDefined = new int[m];
        UniformRandomProvider rngA = random.stream(0);
        UniformRandomProvider rngB = random.stream(1);
        for (int i = 0; i < bootstrap; i++) {
            if (Thread.currentThread().isInterrupted()) {
                throw new CancellationException("matched-scale bootstrap cancelled");
            }
            CouplingCurve sa = resample(a, rngA);
            CouplingCurve sb = resample(b, rngB);
            for (int k = 0; k < m; k++) {
                double va = sa == null ? Double.NaN : sa.at(xs[k]);
                double vb = sb == null ? Double.NaN : sb.at(xs[k]);
                bootA[k][i] = va;
                bootB[k][i] = vb;
                bootEq[k][i] = Double.NaN;
                if (!Double.isNaN(va) && sb != null) {
                    Reach eq = reach(sb, va);
                    if (eq.status() != EquivalentStatus.UNDEFINED) {
                        eqDefined[k]++;
                        if (eq.status() == EquivalentStatus.REACHED) {
                            reached[k]++;
                            bootEq[k][i] = eq.log10N();
                        }
                    }
                }
            }
        }
        List<Point> points = new ArrayList<>();
        for (int k = 0; k < m; k++) {
            double va = ca.at(xs[k]);
            double vb = cb.at(xs[k]);
            double[] diff = new double[bootstrap];
            for (int i = 0; i < bootstrap; i++) {
                diff[i] = bootB[k][i] - bootA[k][i];
            }
            Estimate ea = estimate(va, bootA[k]);
            Estimate eb = estimate(vb, bootB[k]);
            Estimate ed = estimate(vb - va, diff);
            points.add(new Point(scalesB[k], ea, eb, ed, equivalent(a.family(), b.family(), scalesB[k], va, cb,
                    bootEq[k], reached[k], eqDefined[k])));
        }
        points.sort(java.util.Comparator.comparingDouble(Point::paramsB));
        return new Result(a.family(), b.family(), ra, rb, points, new Settings(coupling.bandwidth(),
                coupling.gridPoints(), bootstrap, confidence, random.seed()));
    }

    private Equivalent equivalent(String fa, String fb, double nA, double target, CouplingCurve cb, double[] boot,
                                  int reached, int defined) {
        Reach eq = Double.isNaN(target) ? new Reach(EquivalentStatus.UNDEFINED, Double.NaN) : reach(cb, target);
        EquivalentStatus status = eq.status();
        double lower = Double.NaN;
        double upper = Double.NaN;
        if (reached >= MIN_DEFINED) {
            double[] v = Arrays.stream(boot).filter(d -> !Double.isNaN(d)).sorted().toArray();
            double alpha = (1 - confidence) / 2;
            lower = Math.pow(10, Percentile.sortedQuantile(v, alpha));
            upper = Math.pow(10, Percentile.sortedQuantile(v, 1 - alpha));
        }
        double n = Double.isNaN(eq.log10N()) ? Double.NaN : Math.pow(10, eq.log10N());
        double[] rb = {Math.pow(10, cb.gridX()[0]), Math.pow(10, cb.gridX()[cb.gridX().length - 1])};
        String message = switch (status) {
            case REACHED -> String.format(Locale.ROOT, "%s reaches %s's coupling at %sB (%+.3f) at %sB", fb, fa,
                    num(nA), target, num(n));
            case AT_OR_BELOW_SMALLEST -> String.format(Locale.ROOT,
                    "%s's coupling is already >= %s's at %sB (%+.3f) at its smallest observed size %sB: "
                            + "the equivalent scale is at or below %sB", fb, fa, num(nA), target, num(rb[0]),
                    num(rb[0]));
            case NEVER_WITHIN_RANGE -> String.format(Locale.ROOT,
                    "%s's coupling never reaches %s's at %sB (%+.3f) within %s's observed range %s", fb, fa,
                    num(nA), target, fb, rangeText(rb));
            case UNDEFINED -> String.format(Locale.ROOT, "undefined: the coupling of %s at %sB or the curve of %s "
                    + "is undefined", fa, num(nA), fb);
        };
        return new Equivalent(status, n, lower, upper, defined == 0 ? Double.NaN : reached / (double) defined,
                message);
    }

    /**
     * Where a curve first reaches a level.
     *
     * @param status  what was found
     * @param log10N  the crossing for REACHED, the smallest x for AT_OR_BELOW_SMALLEST, the largest x for
     *                NEVER_WITHIN_RANGE, NaN when undefined
     */
    record Reach(EquivalentStatus status, double log10N) {
    }

    /** The first scale at which the curve reaches the target, scanning upward (see the class comment). */
    static Reach reach(CouplingCurve curve, double target) {
        double[] x = curve.gridX();
        double[] c = curve.gridC();
        int first = -1;
        for (int k = 0; k < c.length; k++) {
            if (!Double.isNaN(c[k])) {
                first = k;
                break;
            }
        }
        if (first < 0) {
            return new Reach(EquivalentStatus.UNDEFINED, Double.NaN);
        }
        if (c[first] >= target) {
            return new Reach(EquivalentStatus.AT_OR_BELOW_SMALLEST, x[first]);
        }
        for (int k = first + 1; k < c.length; k++) {
            if (Double.isNaN(c[k]) || Double.isNaN(c[k - 1])) {
                continue;
            }
            if (c[k] >= target) {
                double f = c[k] == c[k - 1] ? 1 : (target - c[k - 1]) / (c[k] - c[k - 1]);
                return new Reach(EquivalentStatus.REACHED, x[k - 1] + f * (x[k] - x[k - 1]));
            }
        }
        return new Reach(EquivalentStatus.NEVER_WITHIN_RANGE, x[x.length - 1]);
    }

    private CouplingCurve curve(FamilyScores f) {
        if (f.size() < KernelCoupling.MIN_MODELS || f.distinctSizes() < MIN_DISTINCT_SIZES) {
            throw new IllegalArgumentException(String.format(Locale.ROOT,
                    "family %s has %d model(s) at %d distinct size(s) with all selected scores; a coupling curve "
                            + "needs >= %d models at >= %d distinct sizes", f.family(), f.size(), f.distinctSizes(),
                    KernelCoupling.MIN_MODELS, MIN_DISTINCT_SIZES));
        }
        CouplingCurve c = coupling.fit(f);
        if (!c.defined()) {
            throw new IllegalArgumentException("family " + f.family() + ": coupling undefined everywhere "
                    + "(reasoning or truthfulness is constant within the family)");
        }
        return c;
    }

    private CouplingCurve resample(FamilyScores f, UniformRandomProvider rng) {
        int n = f.size();
        int[] idx = new int[n];
        for (int k = 0; k < n; k++) {
            idx[k] = rng.nextInt(n);
        }
        FamilyScores s = f.select(idx);
        if (s.distinctSizes() < MIN_DISTINCT_SIZES) {
            return null;
        }
        return coupling.fit(s);
    }

    private Estimate estimate(double value, double[] boot) {
        double[] v = Arrays.stream(boot).filter(d -> !Double.isNaN(d)).sorted().toArray();
        if (v.length < MIN_DEFINED) {
            return new Estimate(value, Double.NaN, Double.NaN, v.length);
        }
        double alpha = (1 - confidence) / 2;
        return new Estimate(value, Percentile.sortedQuantile(v, alpha), Percentile.sortedQuantile(v, 1 - alpha),
                v.length);
    }

    static double[] range(FamilyScores f) {
        double[] p = f.paramsB();
        return new double[] {Arrays.stream(p).min().orElse(Double.NaN), Arrays.stream(p).max().orElse(Double.NaN)};
    }

    private static String rangeText(double[] r) {
        return "[" + num(r[0]) + "B, " + num(r[1]) + "B]";
    }

    private static String overlapText(double[] ra, double[] rb) {
        double lo = Math.max(ra[0], rb[0]);
        double hi = Math.min(ra[1], rb[1]);
        return lo <= hi ? rangeText(new double[] {lo, hi}) : "none";
    }

    /** Up to 3 significant digits, plain notation. */
    static String num(double v) {
        return new java.math.BigDecimal(v).round(new java.math.MathContext(3)).stripTrailingZeros().toPlainString();
    }
}
