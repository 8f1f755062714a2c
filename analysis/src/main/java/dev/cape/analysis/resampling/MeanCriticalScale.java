package dev.cape.analysis.resampling;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Mean critical scale across families (method §4): the geometric mean of the uncensored N_c's with percentile and
 * BCa bootstrap intervals over families, and a censored-normal fit over all families reported beside it.
 *
 * <p>Estimate θ̂ = mean of log10 N_c over the uncensored families; headline 10^θ̂. Bootstrap: B resamples of the
 * uncensored values with replacement, θ*_b their means. Percentile interval: the (1−c)/2 and (1+c)/2 quantiles of
 * θ*, linear interpolation between order statistics ({@code numpy.percentile} default). BCa (Efron &amp; Tibshirani
 * 1993, §14.3): z0 = Φ⁻¹((#{θ* &lt; θ̂} + #{θ* ≤ θ̂}) / 2B) (ties count half), acceleration from the jackknife
 * a = Σ(θ̄₍·₎ − θ̂₍ᵢ₎)³ / (6 [Σ(θ̄₍·₎ − θ̂₍ᵢ₎)²]^{3/2}) (eq. 14.15), endpoints at the quantiles
 * Φ(z0 + (z0 + z_α)/(1 − a(z0 + z_α))). SciPy equivalent:
 * {@code scipy.stats.bootstrap((x,), np.mean, confidence_level=c, n_resamples=B, method='BCa' | 'percentile')}.
 *
 * <p>When n^n ≤ B (and {@link Resampling#AUTO}) the bootstrap distribution is enumerated exactly: every one of the
 * n^n equally likely ordered resamples, grouped by multiset with multinomial multiplicities, so the intervals equal
 * those of the ideal bootstrap and need no randomness. Otherwise B resamples are drawn in 64 fixed
 * chunks, chunk k from {@link RandomStreams#stream(long) streams.stream(k)}, run on {@code threads} threads: the same
 * seed gives the same result whatever the thread count. An interrupt of the calling thread stops the work with a
 * {@link CancellationException} (the interrupt flag stays set).
 *
 * <p>The headline is, by default, the geometric mean of the uncensored values with its BCa interval
 * ({@link Headline#UNCENSORED_GEOMETRIC_MEAN}); {@link Headline#CENSORED_NORMAL_FIT} makes the headline the
 * censored-normal fit (see {@link CensoredNormalFit}) with its profile-likelihood interval. Both are always computed.
 */
public final class MeanCriticalScale {

    /** Which estimate the result calls its headline. */
    public enum Headline {
        /** 10^(mean log10 N_c) over uncensored families, BCa interval. */
        UNCENSORED_GEOMETRIC_MEAN,
        /** 10^μ̂ of the censored-normal fit over all families, profile-likelihood interval. */
        CENSORED_NORMAL_FIT
    }

    /** How the bootstrap distribution is obtained. */
    public enum Resampling {
        /** Exact enumeration when n^n ≤ B, Monte Carlo otherwise. */
        AUTO,
        /** Always enumerate all n^n resamples (refused when n^n exceeds 4·10^8, i.e. n ≥ 10). */
        EXACT,
        /** Always draw B resamples. */
        MONTE_CARLO,
        /** No bootstrap was run (fewer than two uncensored families, or zero variance); only in results. */
        NONE
    }

    /** Outcome for the geometric mean of uncensored values. */
    public enum Status {
        /** Estimate and both intervals present. */
        OK,
        /** No uncensored family: no geometric mean, no intervals. */
        NO_UNCENSORED_FAMILY,
        /** One uncensored family: the estimate is its N_c, a bootstrap interval is meaningless and absent. */
        SINGLE_UNCENSORED_FAMILY,
        /** All uncensored values equal: the percentile interval is that point, BCa is undefined and absent. */
        ZERO_VARIANCE,
        /** Percentile interval present, BCa undefined (bootstrap distribution entirely on one side of θ̂). */
        BCA_UNDEFINED
    }

    /**
     * BCa interval with its constants.
     *
     * @param interval       interval for log10 of the geometric mean
     * @param biasCorrection z0
     * @param acceleration   jackknife acceleration a
     */
    public record Bca(Log10Interval interval, double biasCorrection, double acceleration) {
    }

    /**
     * Result of {@link #fit(List)}; carries the settings used.
     *
     * @param headline          which estimate is the headline
     * @param status            outcome for the uncensored geometric mean
     * @param message           one sentence for a report
     * @param families          families given
     * @param uncensored        uncensored families (the ones the geometric mean and bootstrap use)
     * @param leftCensored      left-censored families
     * @param rightCensored     right-censored families
     * @param log10Mean         mean of log10 N_c over uncensored families; empty when there are none
     * @param percentile        percentile interval of log10 of the geometric mean
     * @param bca               BCa interval of log10 of the geometric mean
     * @param resampling        EXACT or MONTE_CARLO as run, NONE when no bootstrap ran
     * @param resamples         resamples behind the intervals (n^n when exact, B when Monte Carlo, 0 when none)
     * @param bootstrapSamples  B requested
     * @param seed              seed of the random streams
     * @param confidenceLevel   confidence level c of every interval
     * @param censoredFit       censored-normal fit over all families
     */
    public record Result(Headline headline, Status status, String message,
                         int families, int uncensored, int leftCensored, int rightCensored,
                         OptionalDouble log10Mean, Optional<Log10Interval> percentile, Optional<Bca> bca,
                         Resampling resampling, long resamples, int bootstrapSamples, long seed,
                         double confidenceLevel, CensoredNormalFit.Result censoredFit) {

        /** Geometric mean of the uncensored N_c's, 10^log10Mean. */
        public OptionalDouble geometricMean() {
            return log10Mean.isPresent() ? OptionalDouble.of(Math.pow(10, log10Mean.getAsDouble()))
                    : OptionalDouble.empty();
        }

        public int censored() {
            return leftCensored + rightCensored;
        }

        /** The headline estimate of N_c on the original scale. */
        public OptionalDouble headlineEstimate() {
            return headline == Headline.UNCENSORED_GEOMETRIC_MEAN ? geometricMean() : censoredFit.mean();
        }

        /** The headline interval: BCa for the geometric mean, profile likelihood for the censored fit. */
        public Optional<Log10Interval> headlineInterval() {
            if (headline == Headline.UNCENSORED_GEOMETRIC_MEAN) {
                return bca.map(Bca::interval);
            }
            return censoredFit.estimate().flatMap(CensoredNormalFit.Estimate::profile);
        }
    }

    /** Number of Monte Carlo chunks, fixed so that results do not depend on the thread count. */
    static final int CHUNKS = 64;
    /** Largest n^n accepted for exact enumeration. */
    static final long MAX_EXACT = 400_000_000L;
    private static final String TASK = "mean critical scale bootstrap";

    private final int bootstrapSamples;
    private final double confidenceLevel;
    private final RandomStreams streams;
    private final ProgressListener progress;
    private final int threads;
    private final Resampling resampling;
    private final Headline headline;

    private MeanCriticalScale(int bootstrapSamples, double confidenceLevel, RandomStreams streams,
                              ProgressListener progress, int threads, Resampling resampling, Headline headline) {
        this.bootstrapSamples = bootstrapSamples;
        this.confidenceLevel = confidenceLevel;
        this.streams = streams;
        this.progress = progress;
        this.threads = threads;
        this.resampling = resampling;
        this.headline = headline;
    }

    /**
     * B = 10,000, confidence 0.95, {@link Resampling#AUTO}, {@link Headline#UNCENSORED_GEOMETRIC_MEAN}, one thread
     * per available processor, no progress listener, and no random streams: {@link #withStreams} is required.
     */
    public static MeanCriticalScale withDefaults() {
        return new MeanCriticalScale(10_000, 0.95, null, ProgressListener.NONE,
                Runtime.getRuntime().availableProcessors(), Resampling.AUTO, Headline.UNCENSORED_GEOMETRIC_MEAN);
    }

    public MeanCriticalScale withBootstrapSamples(int b) {
        if (b < 1) {
            throw new IllegalArgumentException("bootstrapSamples must be >= 1: " + b);
        }
        return new MeanCriticalScale(b, confidenceLevel, streams, progress, threads, resampling, headline);
    }

    public MeanCriticalScale withConfidenceLevel(double level) {
        if (!(level > 0 && level < 1)) {
            throw new IllegalArgumentException("confidenceLevel must be in (0, 1): " + level);
        }
        return new MeanCriticalScale(bootstrapSamples, level, streams, progress, threads, resampling, headline);
    }

    public MeanCriticalScale withStreams(RandomStreams s) {
        Objects.requireNonNull(s, "streams");
        return new MeanCriticalScale(bootstrapSamples, confidenceLevel, s, progress, threads, resampling, headline);
    }

    public MeanCriticalScale withProgress(ProgressListener p) {
        Objects.requireNonNull(p, "progress");
        return new MeanCriticalScale(bootstrapSamples, confidenceLevel, streams, p, threads, resampling, headline);
    }

    public MeanCriticalScale withThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("threads must be >= 1: " + n);
        }
        return new MeanCriticalScale(bootstrapSamples, confidenceLevel, streams, progress, n, resampling, headline);
    }

    public MeanCriticalScale with(Resampling r) {
        Objects.requireNonNull(r, "resampling");
        if (r == Resampling.NONE) {
            throw new IllegalArgumentException("resampling must be AUTO, EXACT or MONTE_CARLO: " + r);
        }
        return new MeanCriticalScale(bootstrapSamples, confidenceLevel, streams, progress, threads, r, headline);
    }

    public MeanCriticalScale with(Headline h) {
        Objects.requireNonNull(h, "headline");
        return new MeanCriticalScale(bootstrapSamples, confidenceLevel, streams, progress, threads, resampling, h);
    }

    /**
     * log10 of the geometric mean of the uncensored N_c's: the mean of their log10 values.
     *
     * @throws IllegalArgumentException when no family is uncensored
     */
    public static double statistic(List<FamilyCriticalScale> families) {
        double[] x = uncensored(validated(families));
        if (x.length == 0) {
            throw new IllegalArgumentException("families must contain an uncensored family: " + families.size()
                    + " families, all censored");
        }
        return mean(x);
    }

    /**
     * Geometric mean with bootstrap intervals, and the censored-normal fit.
     *
     * @throws IllegalStateException    when no random streams were given
     * @throws CancellationException    when the calling thread is interrupted
     * @throws IllegalArgumentException for a null element, or EXACT resampling with n^n too large (an empty list
     *                                  gives {@link Status#NO_UNCENSORED_FAMILY})
     */
    public Result fit(List<FamilyCriticalScale> families) {
        if (streams == null) {
            throw new IllegalStateException("MeanCriticalScale needs seeded random streams: "
                    + "call withStreams(RandomStreams.of(seed)) first");
        }
        validated(families);
        CensoredNormalFit.Result censoredFit = CensoredNormalFit.withDefaults().withConfidenceLevel(confidenceLevel)
                .fit(families);
        double[] x = uncensored(families);
        int n = x.length;
        int left = 0;
        for (FamilyCriticalScale f : families) {
            left += f.censoring() == FamilyCriticalScale.Censoring.LEFT ? 1 : 0;
        }
        int right = families.size() - n - left;
        if (n == 0) {
            return result(Status.NO_UNCENSORED_FAMILY, "no uncensored family (" + left + " left-, " + right
                            + " right-censored): no geometric mean of N_c", families.size(), n, left, right,
                    OptionalDouble.empty(), Optional.empty(), Optional.empty(), Resampling.NONE, 0, censoredFit);
        }
        double theta = mean(x);
        if (n == 1) {
            return result(Status.SINGLE_UNCENSORED_FAMILY, "one uncensored family: N_c = " + billions(theta)
                            + ", no bootstrap interval over families", families.size(), n, left, right,
                    OptionalDouble.of(theta), Optional.empty(), Optional.empty(), Resampling.NONE, 0, censoredFit);
        }
        if (allEqual(x)) {
            return result(Status.ZERO_VARIANCE, "all " + n + " uncensored families have N_c = " + billions(theta)
                            + ": the bootstrap distribution is that point, BCa is undefined", families.size(), n, left,
                    right, OptionalDouble.of(theta), Optional.of(new Log10Interval(theta, theta)), Optional.empty(),
                    Resampling.NONE, 0, censoredFit);
        }
        if (Thread.currentThread().isInterrupted()) {
            throw new CancellationException(TASK + " interrupted before it started");
        }
        long nn = powerOrOverflow(n);
        boolean exact = switch (resampling) {
            case AUTO -> nn <= bootstrapSamples;
            case EXACT -> {
                if (nn > MAX_EXACT) {
                    throw new IllegalArgumentException("EXACT resampling needs n^n <= " + MAX_EXACT + ": n = " + n);
                }
                yield true;
            }
            default -> false;
        };
        Distribution dist = exact ? enumerate(x) : sample(x);
        double alpha = (1 - confidenceLevel) / 2;
        Log10Interval pct = new Log10Interval(dist.quantile(alpha), dist.quantile(1 - alpha));
        Optional<Bca> bca = bca(x, theta, dist, alpha);
        Resampling used = exact ? Resampling.EXACT : Resampling.MONTE_CARLO;
        String what = exact ? "exact enumeration of " + nn + " resamples" : bootstrapSamples + " bootstrap resamples";
        if (bca.isEmpty()) {
            return result(Status.BCA_UNDEFINED, "geometric mean of " + n + " uncensored N_c = " + billions(theta)
                            + " (" + what + "); BCa undefined: bootstrap distribution on one side of the estimate",
                    families.size(), n, left, right, OptionalDouble.of(theta), Optional.of(pct), bca, used,
                    dist.total, censoredFit);
        }
        return result(Status.OK, "geometric mean of " + n + " uncensored N_c = " + billions(theta) + " ("
                        + what + ")", families.size(), n, left, right, OptionalDouble.of(theta), Optional.of(pct),
                bca, used, dist.total, censoredFit);
    }

    private Result result(Status status, String message, int families, int n, int left, int right,
                          OptionalDouble log10Mean, Optional<Log10Interval> pct, Optional<Bca> bca,
                          Resampling used, long resamples, CensoredNormalFit.Result censoredFit) {
        return new Result(headline, status, message, families, n, left, right, log10Mean, pct, bca, used, resamples,
                bootstrapSamples, streams.seed(), confidenceLevel, censoredFit);
    }

    private Optional<Bca> bca(double[] x, double theta, Distribution dist, double alpha) {
        double share = dist.shareBelow(theta);
        if (!(share > 0 && share < 1)) {
            return Optional.empty();
        }
        NormalDistribution std = NormalDistribution.of(0, 1);
        double z0 = std.inverseCumulativeProbability(share);
        int n = x.length;
        double total = 0;
        for (double v : x) {
            total += v;
        }
        double[] jack = new double[n];
        double jackMean = 0;
        for (int i = 0; i < n; i++) {
            jack[i] = (total - x[i]) / (n - 1);
            jackMean += jack[i];
        }
        jackMean /= n;
        double num = 0;
        double den = 0;
        for (double j : jack) {
            double d = jackMean - j;
            num += d * d * d;
            den += d * d;
        }
        double a = num / (6 * Math.pow(den, 1.5));
        double zLo = std.inverseCumulativeProbability(alpha);
        double zHi = -zLo;
        double q1 = z0 + zLo;
        double q2 = z0 + zHi;
        double d1 = 1 - a * q1;
        double d2 = 1 - a * q2;
        if (!(d1 > 0 && d2 > 0) || !Double.isFinite(a)) {
            return Optional.empty();
        }
        double p1 = std.cumulativeProbability(z0 + q1 / d1);
        double p2 = std.cumulativeProbability(z0 + q2 / d2);
        double lo = dist.quantile(p1);
        double hi = dist.quantile(p2);
        if (!(lo <= hi)) {
            return Optional.empty();
        }
        return Optional.of(new Bca(new Log10Interval(lo, hi), z0, a));
    }

    /** Sorted bootstrap means with multiplicities (null: each value once); total = Σ counts. */
    private record Distribution(double[] values, long[] counts, long total) {

        private long count(int i) {
            return counts == null ? 1 : counts[i];
        }

        /** (P(θ* &lt; t) + P(θ* ≤ t)) / 2. */
        double shareBelow(double t) {
            long less = 0;
            long lessEq = 0;
            for (int i = 0; i < values.length; i++) {
                if (values[i] < t) {
                    less += count(i);
                }
                if (values[i] <= t) {
                    lessEq += count(i);
                }
            }
            return (less + (double) lessEq) / (2.0 * total);
        }

        /** numpy.percentile(expanded, 100 p), method 'linear', on the expanded sample of size total. */
        double quantile(double p) {
            double h = p * (total - 1);
            long lo = (long) Math.floor(h);
            double t = h - lo;
            double a = at(lo);
            double b = at(Math.min(lo + 1, total - 1));
            double diff = b - a;
            return t >= 0.5 ? b - diff * (1 - t) : a + diff * t;
        }

        private double at(long index) {
            if (counts == null) {
                return values[(int) index];
            }
            long seen = 0;
            for (int i = 0; i < values.length; i++) {
                seen += counts[i];
                if (index < seen) {
                    return values[i];
                }
            }
            return values[values.length - 1];
        }
    }

    /** All n^n ordered resamples, grouped by multiset (c_1..c_n), multiplicity n!/Π c_i!. */
    private static Distribution enumerate(double[] x) {
        int n = x.length;
        List<double[]> rows = new ArrayList<>();
        int[] c = new int[n];
        long[] factorial = new long[n + 1];
        factorial[0] = 1;
        for (int i = 1; i <= n; i++) {
            factorial[i] = factorial[i - 1] * i;
        }
        compositions(x, c, 0, n, factorial, rows);
        rows.sort((p, q) -> Double.compare(p[0], q[0]));
        double[] values = new double[rows.size()];
        long[] counts = new long[rows.size()];
        long total = 0;
        for (int i = 0; i < values.length; i++) {
            values[i] = rows.get(i)[0];
            counts[i] = (long) rows.get(i)[1];
            total += counts[i];
        }
        return new Distribution(values, counts, total);
    }

    private static void compositions(double[] x, int[] c, int pos, int left, long[] factorial, List<double[]> out) {
        int n = x.length;
        if (pos == n - 1) {
            c[pos] = left;
            double sum = 0;
            long mult = factorial[n];
            for (int i = 0; i < n; i++) {
                for (int k = 0; k < c[i]; k++) {
                    sum += x[i];
                }
                mult /= factorial[c[i]];
            }
            out.add(new double[] {sum / n, mult});
            return;
        }
        for (int k = left; k >= 0; k--) {
            c[pos] = k;
            compositions(x, c, pos + 1, left - k, factorial, out);
        }
    }

    private Distribution sample(double[] x) {
        int b = bootstrapSamples;
        double[] means = new double[b];
        AtomicLong done = new AtomicLong();
        int n = x.length;
        List<Runnable> chunks = new ArrayList<>(CHUNKS);
        for (int k = 0; k < CHUNKS; k++) {
            final int chunk = k;
            final int from = (int) ((long) b * k / CHUNKS);
            final int to = (int) ((long) b * (k + 1) / CHUNKS);
            chunks.add(() -> {
                UniformRandomProvider rng = streams.stream(chunk);
                for (int r = from; r < to; r++) {
                    if (Thread.currentThread().isInterrupted()) {
                        throw new CancellationException(TASK + " interrupted");
                    }
                    double sum = 0;
                    for (int j = 0; j < n; j++) {
                        sum += x[rng.nextInt(n)];
                    }
                    means[r] = sum / n;
                }
                progress.progress(TASK, done.addAndGet(to - from), b);
            });
        }
        runChunks(chunks);
        Arrays.sort(means);
        return new Distribution(means, null, b);
    }

    /** Runs the chunks on {@code threads} threads (inline when 1); each chunk writes only its own slots. */
    private void runChunks(List<Runnable> chunks) {
        if (threads == 1) {
            chunks.forEach(Runnable::run);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, chunks.size()), r -> {
            Thread t = new Thread(r, "cape-bootstrap");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> futures = new ArrayList<>(chunks.size());
        try {
            for (Runnable c : chunks) {
                futures.add(pool.submit(c));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (InterruptedException e) {
            futures.forEach(f -> f.cancel(true));
            Thread.currentThread().interrupt();
            throw new CancellationException(TASK + " interrupted");
        } catch (ExecutionException e) {
            futures.forEach(f -> f.cancel(true));
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(TASK + " failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }

    /** 10^log10 as "5.41B" for messages. */
    static String billions(double log10) {
        return String.format(java.util.Locale.ROOT, "%.3gB", Math.pow(10, log10));
    }

    private static List<FamilyCriticalScale> validated(List<FamilyCriticalScale> families) {
        Objects.requireNonNull(families, "families");
        for (int i = 0; i < families.size(); i++) {
            if (families.get(i) == null) {
                throw new IllegalArgumentException("families must not contain null: element " + i);
            }
        }
        return families;
    }

    private static double[] uncensored(List<FamilyCriticalScale> families) {
        return families.stream().filter(f -> !f.isCensored()).mapToDouble(FamilyCriticalScale::log10Value).toArray();
    }

    private static double mean(double[] x) {
        double s = 0;
        for (double v : x) {
            s += v;
        }
        return s / x.length;
    }

    private static boolean allEqual(double[] x) {
        for (double v : x) {
            if (v != x[0]) {
                return false;
            }
        }
        return true;
    }

    /** n^n, or Long.MAX_VALUE when it exceeds MAX_EXACT. */
    private static long powerOrOverflow(int n) {
        long p = 1;
        for (int i = 0; i < n; i++) {
            p *= n;
            if (p > MAX_EXACT) {
                return Long.MAX_VALUE;
            }
        }
        return p;
    }
}
