package dev.cape.analysis.frontier;

import dev.cape.analysis.resampling.ProgressListener;
import dev.cape.analysis.resampling.RandomStreams;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.PermutationSampler;
import org.apache.commons.statistics.distribution.NormalDistribution;
import org.apache.commons.statistics.distribution.TDistribution;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

/**
 * Correlation between reasoning and truthfulness across frontier models (method §8): Pearson r and Spearman ρ with a
 * permutation p-value, a bootstrap percentile interval, and for Pearson the Fisher-z interval and t-test p.
 *
 * <p><b>Permutation test</b> (SciPy {@code permutation_test(..., permutation_type="pairings")} of |r|): the truth
 * scores are permuted against the reasoning scores. When n! ≤ B every permutation is enumerated and
 * p = #{|r*| ≥ |r|} / n! (the identity included); otherwise B random permutations give
 * p = (1 + #{|r*| ≥ |r|}) / (B + 1). Ties are compared with SciPy's relative tolerance: |r*| ≥ |r|·(1 − 100ε).
 * Random permutations are drawn in fixed chunks of {@value #CHUNK}; chunk k uses stream k of
 * {@code random.child(0)}, bootstrap chunk k stream k of {@code random.child(1)}, so results do not depend on thread
 * scheduling. Pearson and Spearman are evaluated on the same permutations.
 *
 * <p><b>Bootstrap</b>: models are resampled with replacement; resamples in which either score is constant (r
 * undefined) are skipped and counted; the interval is the (α/2, 1 − α/2) percentile of the defined replicates with
 * linear interpolation between order statistics (NumPy {@code percentile(method="linear")}).
 *
 * <p><b>Cross-checks</b> (SciPy {@code pearsonr} and {@code spearmanr}): t = r √((n − 2)/(1 − r²)), p = 2 P(T_{n−2} ≥
 * |t|); Fisher interval tanh(atanh r ± z_{1−α/2} / √(n − 3)) for n ≥ 4 and |r| &lt; 1. Spearman ρ is the Pearson r of
 * average ranks (ties share the mean rank).
 */
public final class FrontierCorrelation {

    /** Random permutations or bootstrap resamples per chunk. */
    public static final int CHUNK = 1000;

    private final int permutations;
    private final int bootstrap;
    private final double confidence;
    private final RandomStreams random;
    private final ProgressListener progress;

    private FrontierCorrelation(int permutations, int bootstrap, double confidence, RandomStreams random,
                                ProgressListener progress) {
        this.permutations = permutations;
        this.bootstrap = bootstrap;
        this.confidence = confidence;
        this.random = random;
        this.progress = progress;
    }

    /** B = 100,000 permutations, 10,000 bootstrap resamples, 95% intervals, no random source (set one). */
    public static FrontierCorrelation withDefaults() {
        return new FrontierCorrelation(100_000, 10_000, 0.95, null, ProgressListener.NONE);
    }

    /** Number of random permutations B ≥ 1 (exact enumeration is used when n! ≤ B). */
    public FrontierCorrelation withPermutations(int b) {
        if (b < 1) {
            throw new IllegalArgumentException("permutations must be >= 1: " + b);
        }
        return new FrontierCorrelation(b, bootstrap, confidence, random, progress);
    }

    /** Number of bootstrap resamples ≥ 1. */
    public FrontierCorrelation withBootstrap(int b) {
        if (b < 1) {
            throw new IllegalArgumentException("bootstrap resamples must be >= 1: " + b);
        }
        return new FrontierCorrelation(permutations, b, confidence, random, progress);
    }

    /** Confidence level of the intervals, in (0, 1). */
    public FrontierCorrelation withConfidence(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidence must be in (0, 1): " + level);
        }
        return new FrontierCorrelation(permutations, bootstrap, level, random, progress);
    }

    /** The seeded random source; required. */
    public FrontierCorrelation withRandom(RandomStreams streams) {
        return new FrontierCorrelation(permutations, bootstrap, confidence, Objects.requireNonNull(streams, "streams"),
                progress);
    }

    public FrontierCorrelation withProgress(ProgressListener listener) {
        return new FrontierCorrelation(permutations, bootstrap, confidence, random,
                Objects.requireNonNull(listener, "listener"));
    }

    /** How the permutation p-value was obtained. */
    public enum PermutationMethod {
        /** Every one of the n! permutations. */
        EXACT,
        /** B random permutations. */
        MONTE_CARLO
    }

    /** The correlation measure. */
    public enum Measure {
        PEARSON,
        SPEARMAN
    }

    /**
     * The settings of a test.
     *
     * @param seed              seed of the random streams
     * @param permutations      B requested
     * @param bootstrap         bootstrap resamples requested
     * @param confidence        interval level
     * @param permutationMethod exact or Monte Carlo
     * @param permutationsUsed  permutations evaluated (n! when exact, else B)
     */
    public record Settings(long seed, int permutations, int bootstrap, double confidence,
                           PermutationMethod permutationMethod, long permutationsUsed) {
    }

    /**
     * One correlation measure with its inference.
     *
     * @param measure          Pearson or Spearman
     * @param r                the coefficient
     * @param permutationP     two-sided permutation p in (0, 1]
     * @param bootstrapCi      percentile interval; empty when no bootstrap replicate was defined
     * @param tTestP           p of the t-test of r (SciPy {@code pearsonr}/{@code spearmanr} p)
     * @param fisherCi         Fisher-z interval (Pearson only, n ≥ 4, |r| &lt; 1)
     */
    public record Estimate(Measure measure, double r, double permutationP, Optional<Interval> bootstrapCi,
                           double tTestP, Optional<Interval> fisherCi) {
    }

    /**
     * Per-lab summary.
     *
     * @param lab           lab name
     * @param n             models
     * @param meanReasoning mean reasoning score
     * @param meanTruth     mean truth score
     */
    public record LabSummary(String lab, int n, double meanReasoning, double meanTruth) {
    }

    /**
     * The result.
     *
     * @param n                    models
     * @param labs                 labs, in order of first appearance
     * @param pearson              Pearson estimate
     * @param spearman             Spearman estimate
     * @param bootstrapUndefined   bootstrap resamples skipped because a score was constant
     * @param settings             settings used
     */
    public record Result(int n, List<LabSummary> labs, Estimate pearson, Estimate spearman, int bootstrapUndefined,
                         Settings settings) {
        public Result {
            labs = List.copyOf(labs);
        }
    }

    /** Tests the models of a table. */
    public Result test(FrontierTable table) {
        return test(table.models());
    }

    /** Tests the given models (n ≥ 3, neither score constant). */
    public Result test(List<FrontierModel> models) {
        if (random == null) {
            throw new IllegalStateException("no random source: call withRandom(RandomStreams.of(seed)) before test");
        }
        int n = models.size();
        if (n < 3) {
            throw new IllegalArgumentException("correlation needs >= 3 models: " + n);
        }
        double[] x = models.stream().mapToDouble(FrontierModel::reasoning).toArray();
        double[] y = models.stream().mapToDouble(FrontierModel::truth).toArray();
        constantCheck(x, "reasoning");
        constantCheck(y, "truth");

        double[][] px = standardised(x);
        double[][] sx = standardised(ranks(x));
        double[] py = standardised(y)[0];
        double[] sy = standardised(ranks(y))[0];
        double rp = dot(px[0], py);
        double rs = dot(sx[0], sy);

        long[] counts;
        PermutationMethod method;
        long used;
        long factorial = factorial(n, permutations);
        if (factorial <= permutations) {
            method = PermutationMethod.EXACT;
            used = factorial;
            counts = exactCounts(px[0], py, sx[0], sy, Math.abs(rp), Math.abs(rs), factorial);
        } else {
            method = PermutationMethod.MONTE_CARLO;
            used = permutations;
            counts = monteCarloCounts(px[0], py, sx[0], sy, Math.abs(rp), Math.abs(rs));
        }
        double pp = method == PermutationMethod.EXACT ? (double) counts[0] / used : (1.0 + counts[0]) / (used + 1.0);
        double ps = method == PermutationMethod.EXACT ? (double) counts[1] / used : (1.0 + counts[1]) / (used + 1.0);

        Boot boot = bootstrap(x, y);
        double alpha = 1 - confidence;
        Estimate pe = new Estimate(Measure.PEARSON, rp, pp, percentile(boot.pearson, alpha), tTestP(rp, n),
                fisher(rp, n, alpha));
        Estimate se = new Estimate(Measure.SPEARMAN, rs, ps, percentile(boot.spearman, alpha), tTestP(rs, n),
                Optional.empty());
        return new Result(n, labs(models), pe, se, boot.undefined,
                new Settings(random.seed(), permutations, bootstrap, confidence, method, used));
    }

    /** Pearson r of two samples of equal length ≥ 2; refuses constant samples. */
    public static double pearson(double[] x, double[] y) {
        check(x, y);
        return dot(standardised(x)[0], standardised(y)[0]);
    }

    /** Spearman ρ (Pearson r of average ranks) of two samples of equal length ≥ 2; refuses constant samples. */
    public static double spearman(double[] x, double[] y) {
        check(x, y);
        return dot(standardised(ranks(x))[0], standardised(ranks(y))[0]);
    }

    private static void check(double[] x, double[] y) {
        if (x.length != y.length || x.length < 2) {
            throw new IllegalArgumentException("samples must have equal length >= 2: " + x.length + ", " + y.length);
        }
        constantCheck(x, "x");
        constantCheck(y, "y");
    }

    private static void constantCheck(double[] v, String what) {
        for (double d : v) {
            if (!Double.isFinite(d)) {
                throw new IllegalArgumentException(what + " scores must be finite: " + Arrays.toString(v));
            }
        }
        if (Arrays.stream(v).allMatch(d -> d == v[0])) {
            throw new IllegalArgumentException(what + " scores are constant (" + v[0] + ") across the " + v.length
                    + " models: correlation undefined");
        }
    }

    /** Centred values divided by √Σ(v − v̄)², so that r = Σ a_i b_i; index 0 of the returned array. */
    private static double[][] standardised(double[] v) {
        double m = 0;
        for (double d : v) {
            m += d;
        }
        m /= v.length;
        double ss = 0;
        double[] c = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            c[i] = v[i] - m;
            ss += c[i] * c[i];
        }
        double s = Math.sqrt(ss);
        for (int i = 0; i < c.length; i++) {
            c[i] /= s;
        }
        return new double[][] {c};
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return Math.max(-1, Math.min(1, s));
    }

    private static double dotPermuted(double[] a, double[] b, int[] perm) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[perm[i]];
        }
        return s;
    }

    /** Average ranks, 1-based (SciPy {@code rankdata(method="average")}). */
    static double[] ranks(double[] v) {
        int n = v.length;
        Integer[] idx = new Integer[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        Arrays.sort(idx, (a, b) -> Double.compare(v[a], v[b]));
        double[] r = new double[n];
        int i = 0;
        while (i < n) {
            int j = i;
            while (j + 1 < n && v[idx[j + 1]] == v[idx[i]]) {
                j++;
            }
            double avg = (i + j) / 2.0 + 1;
            for (int k = i; k <= j; k++) {
                r[idx[k]] = avg;
            }
            i = j + 1;
        }
        return r;
    }

    private static final double TIE = 1 - 100 * Math.ulp(1.0);

    private long[] exactCounts(double[] px, double[] py, double[] sx, double[] sy, double absP, double absS,
                               long total) {
        int n = px.length;
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        int[] c = new int[n];
        long cp = 0;
        long cs = 0;
        Thread caller = Thread.currentThread();
        // Heap's algorithm, iterative
        cp += Math.abs(dotPermuted(px, py, perm)) >= absP * TIE ? 1 : 0;
        cs += Math.abs(dotPermuted(sx, sy, perm)) >= absS * TIE ? 1 : 0;
        long done = 1;
        int i = 0;
        while (i < n) {
            if (c[i] < i) {
                int j = (i % 2 == 0) ? 0 : c[i];
                int tmp = perm[j];
                perm[j] = perm[i];
                perm[i] = tmp;
                cp += Math.abs(dotPermuted(px, py, perm)) >= absP * TIE ? 1 : 0;
                cs += Math.abs(dotPermuted(sx, sy, perm)) >= absS * TIE ? 1 : 0;
                done++;
                if ((done & 0xFFFF) == 0) {
                    if (caller.isInterrupted()) {
                        throw new CancellationException("permutation test interrupted");
                    }
                    progress.progress("permutation test (exact)", done, total);
                }
                c[i]++;
                i = 0;
            } else {
                c[i] = 0;
                i++;
            }
        }
        progress.progress("permutation test (exact)", done, done);
        return new long[] {cp, cs};
    }

    private long[] monteCarloCounts(double[] px, double[] py, double[] sx, double[] sy, double absP, double absS) {
        int n = px.length;
        int chunks = (permutations + CHUNK - 1) / CHUNK;
        RandomStreams streams = random.child(0);
        AtomicLong done = new AtomicLong();
        Thread caller = Thread.currentThread();
        long[][] per = IntStream.range(0, chunks).parallel().mapToObj(k -> {
            if (caller.isInterrupted()) {
                throw new CancellationException("permutation test interrupted");
            }
            UniformRandomProvider rng = streams.stream(k);
            int m = Math.min(CHUNK, permutations - k * CHUNK);
            int[] perm = new int[n];
            long cp = 0;
            long cs = 0;
            for (int b = 0; b < m; b++) {
                for (int i = 0; i < n; i++) {
                    perm[i] = i;
                }
                PermutationSampler.shuffle(rng, perm);
                cp += Math.abs(dotPermuted(px, py, perm)) >= absP * TIE ? 1 : 0;
                cs += Math.abs(dotPermuted(sx, sy, perm)) >= absS * TIE ? 1 : 0;
            }
            progress.progress("permutation test", done.addAndGet(m), permutations);
            return new long[] {cp, cs};
        }).toArray(long[][]::new);
        long cp = 0;
        long cs = 0;
        for (long[] c : per) {
            cp += c[0];
            cs += c[1];
        }
        return new long[] {cp, cs};
    }

    private record Boot(double[] pearson, double[] spearman, int undefined) {
    }

    private Boot bootstrap(double[] x, double[] y) {
        int n = x.length;
        int chunks = (bootstrap + CHUNK - 1) / CHUNK;
        RandomStreams streams = random.child(1);
        AtomicLong done = new AtomicLong();
        Thread caller = Thread.currentThread();
        double[][][] per = IntStream.range(0, chunks).parallel().mapToObj(k -> {
            if (caller.isInterrupted()) {
                throw new CancellationException("bootstrap interrupted");
            }
            UniformRandomProvider rng = streams.stream(k);
            int m = Math.min(CHUNK, bootstrap - k * CHUNK);
            double[] rp = new double[m];
            double[] rs = new double[m];
            double[] bx = new double[n];
            double[] by = new double[n];
            for (int b = 0; b < m; b++) {
                for (int i = 0; i < n; i++) {
                    int j = rng.nextInt(n);
                    bx[i] = x[j];
                    by[i] = y[j];
                }
                if (constant(bx) || constant(by)) {
                    rp[b] = Double.NaN;
                    rs[b] = Double.NaN;
                } else {
                    rp[b] = dot(standardised(bx)[0], standardised(by)[0]);
                    rs[b] = dot(standardised(ranks(bx))[0], standardised(ranks(by))[0]);
                }
            }
            progress.progress("bootstrap", done.addAndGet(m), bootstrap);
            return new double[][] {rp, rs};
        }).toArray(double[][][]::new);
        double[] allP = Arrays.stream(per).flatMapToDouble(c -> Arrays.stream(c[0])).toArray();
        double[] allS = Arrays.stream(per).flatMapToDouble(c -> Arrays.stream(c[1])).toArray();
        double[] p = Arrays.stream(allP).filter(v -> !Double.isNaN(v)).toArray();
        double[] s = Arrays.stream(allS).filter(v -> !Double.isNaN(v)).toArray();
        return new Boot(p, s, allP.length - p.length);
    }

    private static boolean constant(double[] v) {
        for (double d : v) {
            if (d != v[0]) {
                return false;
            }
        }
        return true;
    }

    /** Linear-interpolation percentile interval (NumPy default); empty for no replicates. */
    static Optional<Interval> percentile(double[] values, double alpha) {
        if (values.length == 0) {
            return Optional.empty();
        }
        double[] v = values.clone();
        Arrays.sort(v);
        return Optional.of(new Interval(quantile(v, alpha / 2), quantile(v, 1 - alpha / 2)));
    }

    private static double quantile(double[] sorted, double q) {
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        int hi = Math.min(lo + 1, sorted.length - 1);
        return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
    }

    private static double tTestP(double r, int n) {
        if (Math.abs(r) >= 1) {
            return 0;
        }
        double t = r * Math.sqrt((n - 2) / (1 - r * r));
        return Math.min(1, 2 * TDistribution.of(n - 2).survivalProbability(Math.abs(t)));
    }

    private static Optional<Interval> fisher(double r, int n, double alpha) {
        if (n < 4 || Math.abs(r) >= 1) {
            return Optional.empty();
        }
        double z = 0.5 * Math.log((1 + r) / (1 - r));
        double zc = NormalDistribution.of(0, 1).inverseCumulativeProbability(1 - alpha / 2);
        double se = 1 / Math.sqrt(n - 3);
        return Optional.of(new Interval(Math.tanh(z - zc * se), Math.tanh(z + zc * se)));
    }

    private static List<LabSummary> labs(List<FrontierModel> models) {
        Map<String, List<FrontierModel>> by = new LinkedHashMap<>();
        for (FrontierModel m : models) {
            by.computeIfAbsent(m.lab(), l -> new ArrayList<>()).add(m);
        }
        List<LabSummary> out = new ArrayList<>();
        by.forEach((lab, list) -> out.add(new LabSummary(lab, list.size(),
                list.stream().mapToDouble(FrontierModel::reasoning).average().orElseThrow(),
                list.stream().mapToDouble(FrontierModel::truth).average().orElseThrow())));
        return out;
    }

    /** n! when it is ≤ cap, otherwise a value &gt; cap. */
    private static long factorial(int n, long cap) {
        long f = 1;
        for (int i = 2; i <= n; i++) {
            f *= i;
            if (f > cap) {
                return cap + 1;
            }
        }
        return f;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "FrontierCorrelation[B=%d, bootstrap=%d, confidence=%g, seed=%s]",
                permutations, bootstrap, confidence, random == null ? "none" : Long.toString(random.seed()));
    }
}
