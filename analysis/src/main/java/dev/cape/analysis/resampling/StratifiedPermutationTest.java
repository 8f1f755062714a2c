package dev.cape.analysis.resampling;

import java.util.concurrent.CancellationException;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * Two-sided permutation test of a statistic of stratified data: the values of each stratum are shuffled within
 * the stratum (e.g. truthfulness scores within a family), the statistic is recomputed, and
 * p = (1 + #{|s*| ≥ |s|}) / (B + 1) over B random permutations. When the number of distinct stratified
 * permutations is at most B, every one is enumerated instead and p = #{|s*| ≥ |s|} / (number of permutations),
 * the exact permutation p-value (the identity included).
 *
 * <p>Equivalent to {@code scipy.stats.permutation_test(..., permutation_type='pairings',
 * alternative='two-sided')} run on each stratum jointly. Permutations whose statistic is undefined (NaN) count as
 * not extreme and are reported. Work is split into a fixed number of chunks, each with its own random stream, so
 * the result depends only on the seed.
 */
public final class StratifiedPermutationTest {

    /** Default number of random permutations. */
    public static final int DEFAULT_PERMUTATIONS = 100_000;
    /** Relative tolerance for |s*| ≥ |s|, so that ties (the identity among them) count despite rounding. */
    private static final double TIE_TOLERANCE = 1e-12;
    private static final int CHUNKS = 64;

    private final int permutations;

    private StratifiedPermutationTest(int permutations) {
        this.permutations = permutations;
    }

    public static StratifiedPermutationTest withDefaults() {
        return new StratifiedPermutationTest(DEFAULT_PERMUTATIONS);
    }

    public StratifiedPermutationTest withPermutations(int b) {
        if (b < 1) {
            throw new IllegalArgumentException("permutations must be >= 1: " + b);
        }
        return new StratifiedPermutationTest(b);
    }

    public int permutations() {
        return permutations;
    }

    /** A statistic of the (permuted) strata; one instance per worker chunk, so it may keep scratch space. */
    @FunctionalInterface
    public interface Statistic {
        double compute(double[][] strata);
    }

    /**
     * Several statistics of the same (permuted) strata, computed together so that shared work (e.g. a phase
     * selection) is done once per permutation; writes one value per statistic into {@code out}.
     */
    @FunctionalInterface
    public interface Statistics {
        void compute(double[][] strata, double[] out);
    }

    /** Method actually used. */
    public enum Method {
        MONTE_CARLO("monte_carlo"), EXACT("exact");

        private final String id;

        Method(String id) {
            this.id = id;
        }

        public String id() {
            return id;
        }
    }

    /**
     * @param observed     statistic on the data as given
     * @param p            two-sided p-value
     * @param method       Monte Carlo or exact enumeration
     * @param permutations permutations evaluated (B, or the number of distinct permutations when exact)
     * @param extreme      permutations with |s*| ≥ |s|
     * @param undefined    permutations whose statistic was undefined
     * @param seed         seed of the random streams (unused when exact)
     */
    public record Result(double observed, double p, Method method, long permutations, long extreme, long undefined,
                         long seed) {
    }

    /**
     * Runs the test.
     *
     * @param strata    values to shuffle, one array per stratum (not modified)
     * @param factory   creates a statistic instance per chunk
     * @param streams   seeded random streams
     * @param progress  progress listener
     */
    public Result test(double[][] strata, Supplier<Statistic> factory, RandomStreams streams,
                       ProgressListener progress) {
        return testAll(strata, () -> {
            Statistic s = factory.get();
            return (t, out) -> out[0] = s.compute(t);
        }, 1, streams, progress).get(0);
    }

    /**
     * Tests k statistics on the same permutations; each gets its own p-value (a statistic undefined on the data
     * gets a result with NaN p).
     */
    public List<Result> testAll(double[][] strata, Supplier<Statistics> factory, int k, RandomStreams streams,
                                ProgressListener progress) {
        double[] observed = new double[k];
        factory.get().compute(copy(strata), observed);
        double[] threshold = new double[k];
        for (int s = 0; s < k; s++) {
            threshold[s] = Math.abs(observed[s]) * (1 - TIE_TOLERANCE) - TIE_TOLERANCE;
        }
        BigInteger distinct = distinctPermutations(strata);
        boolean exact = distinct.compareTo(BigInteger.valueOf(permutations)) <= 0;
        long total = exact ? distinct.longValueExact() : permutations;
        List<List<double[]>> arrangements = new ArrayList<>();
        if (exact) {
            for (double[] s : strata) {
                arrangements.add(distinctArrangements(s));
            }
        }
        int chunks = (int) Math.min(CHUNKS, total);
        long[][] extreme = new long[chunks][k];
        long[][] undefined = new long[chunks][k];
        AtomicLong done = new AtomicLong();
        String task = exact ? "permutation test (exact)" : "permutation test";
        IntStream.range(0, chunks).parallel().forEach(chunk -> {
            long from = total * chunk / chunks;
            long to = total * (chunk + 1) / chunks;
            UniformRandomProvider rng = exact ? null : streams.stream(chunk);
            Statistics stat = factory.get();
            double[][] work = copy(strata);
            double[] values = new double[k];
            for (long b = from; b < to; b++) {
                if ((b & 255) == 0 && Thread.currentThread().isInterrupted()) {
                    throw new CancellationException("permutation test cancelled");
                }
                if (exact) {
                    long rest = b;
                    for (int s = 0; s < strata.length; s++) {
                        List<double[]> options = arrangements.get(s);
                        System.arraycopy(options.get((int) (rest % options.size())), 0, work[s], 0, work[s].length);
                        rest /= options.size();
                    }
                } else {
                    for (double[] s : work) {
                        shuffle(s, rng);
                    }
                }
                stat.compute(work, values);
                for (int s = 0; s < k; s++) {
                    if (Double.isNaN(values[s])) {
                        undefined[chunk][s]++;
                    } else if (Math.abs(values[s]) >= threshold[s]) {
                        extreme[chunk][s]++;
                    }
                }
            }
            progress.progress(task, done.addAndGet(to - from), total);
        });
        List<Result> results = new ArrayList<>();
        for (int s = 0; s < k; s++) {
            if (Double.isNaN(observed[s])) {
                results.add(new Result(Double.NaN, Double.NaN, exact ? Method.EXACT : Method.MONTE_CARLO, 0, 0, 0,
                        streams.seed()));
                continue;
            }
            long ext = 0;
            long und = 0;
            for (int c = 0; c < chunks; c++) {
                ext += extreme[c][s];
                und += undefined[c][s];
            }
            double p = exact ? ext / (double) total : (1.0 + ext) / (total + 1.0);
            results.add(new Result(observed[s], p, exact ? Method.EXACT : Method.MONTE_CARLO, total, ext, und,
                    streams.seed()));
        }
        return results;
    }

    /** Number of distinct arrangements: the product over strata of n! / Π (multiplicity of each value)!. */
    public static BigInteger distinctPermutations(double[][] strata) {
        BigInteger total = BigInteger.ONE;
        for (double[] s : strata) {
            double[] v = s.clone();
            Arrays.sort(v);
            BigInteger count = factorial(v.length);
            int run = 1;
            for (int i = 1; i <= v.length; i++) {
                if (i < v.length && Double.compare(v[i], v[i - 1]) == 0) {
                    run++;
                } else {
                    count = count.divide(factorial(run));
                    run = 1;
                }
            }
            total = total.multiply(count);
        }
        return total;
    }

    /** Every distinct arrangement of the values (lexicographic next-permutation over the sorted values). */
    static List<double[]> distinctArrangements(double[] values) {
        double[] a = values.clone();
        Arrays.sort(a);
        List<double[]> out = new ArrayList<>();
        do {
            out.add(a.clone());
        } while (nextPermutation(a));
        return out;
    }

    private static boolean nextPermutation(double[] a) {
        int i = a.length - 2;
        while (i >= 0 && a[i] >= a[i + 1]) {
            i--;
        }
        if (i < 0) {
            return false;
        }
        int j = a.length - 1;
        while (a[j] <= a[i]) {
            j--;
        }
        swap(a, i, j);
        for (int l = i + 1, r = a.length - 1; l < r; l++, r--) {
            swap(a, l, r);
        }
        return true;
    }

    private static BigInteger factorial(int n) {
        BigInteger f = BigInteger.ONE;
        for (int i = 2; i <= n; i++) {
            f = f.multiply(BigInteger.valueOf(i));
        }
        return f;
    }

    private static void shuffle(double[] a, UniformRandomProvider rng) {
        for (int i = a.length - 1; i > 0; i--) {
            swap(a, i, rng.nextInt(i + 1));
        }
    }

    private static void swap(double[] a, int i, int j) {
        double t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    private static double[][] copy(double[][] strata) {
        double[][] c = new double[strata.length][];
        for (int i = 0; i < strata.length; i++) {
            c[i] = strata[i].clone();
        }
        return c;
    }
}
