package dev.cape.analysis.resampling;

import java.util.concurrent.CancellationException;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.Test;

class StratifiedPermutationTestTest {

    static final double[] A = {1.0, 2.0, 3.5, 4.0, 5.5};
    static final double[] B = {2.1, 1.9, 3.7, 3.9, 6.0};

    static StratifiedPermutationTest.Statistic pearsonWithA() {
        return s -> new PearsonsCorrelation().correlation(A, s[0]);
    }

    @Test
    void rejectsNonPositivePermutationCount() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> StratifiedPermutationTest.withDefaults().withPermutations(0));
        assertEquals("permutations must be >= 1: 0", e.getMessage());
    }

    @Test
    void countsDistinctPermutationsWithTies() {
        assertEquals(BigInteger.valueOf(120), StratifiedPermutationTest.distinctPermutations(new double[][] {B}));
        // 4!/(2!·2!) · 3!/3! = 6
        assertEquals(BigInteger.valueOf(6), StratifiedPermutationTest.distinctPermutations(
                new double[][] {{1, 1, 2, 2}, {5, 5, 5}}));
        assertEquals(6, StratifiedPermutationTest.distinctArrangements(new double[] {2, 1, 2, 1}).size());
    }

    @Test
    void exactEnumerationMatchesScipy() {
        // numpy/scipy 1.17 brute force: o = stats.pearsonr(A, B).statistic;
        //   sum(abs(stats.pearsonr(A, p).statistic) >= abs(o) for p in itertools.permutations(B)) == 3 of 120.
        // (scipy.stats.permutation_test(..., alternative='two-sided') reports 0.05 = 2 × 3/120: it doubles the
        //  one-sided p instead of counting |r*| >= |r| as spec §4 defines; here no permutation has r* <= -r.)
        StratifiedPermutationTest.Result res = StratifiedPermutationTest.withDefaults().withPermutations(1000)
                .test(new double[][] {B}, StratifiedPermutationTestTest::pearsonWithA, RandomStreams.of(1),
                        ProgressListener.NONE);
        assertEquals(StratifiedPermutationTest.Method.EXACT, res.method());
        assertEquals(120, res.permutations());
        assertEquals(3, res.extreme());
        assertEquals(0.025, res.p(), 1e-15);
        assertEquals(0.9582501319411961, res.observed(), 1e-12); // stats.pearsonr(A, B).statistic
    }

    @Test
    void monteCarloAgreesWithExactWithinSamplingError() {
        StratifiedPermutationTest.Result res = StratifiedPermutationTest.withDefaults().withPermutations(100)
                .test(new double[][] {B}, StratifiedPermutationTestTest::pearsonWithA, RandomStreams.of(7),
                        ProgressListener.NONE);
        assertEquals(StratifiedPermutationTest.Method.MONTE_CARLO, res.method());
        // p = (1 + X)/(101), X ~ Binomial(100, 0.025): 4 standard deviations is ±0.063
        assertEquals(0.025, res.p(), 0.07);
        assertTrue(res.p() > 0 && res.p() <= 1);
    }

    @Test
    void sameSeedGivesIdenticalResultDifferentSeedDiffers() {
        double[][] strata = {{0.1, 0.5, 0.3, 0.9, 0.7, 0.2, 0.4, 0.8}, {0.3, 0.1, 0.2, 0.6, 0.5, 0.4}};
        double[] r1 = {1, 2, 3, 4, 5, 6, 7, 8};
        double[] r2 = {6, 5, 4, 3, 2, 1};
        java.util.function.Supplier<StratifiedPermutationTest.Statistic> f = () -> s -> {
            PearsonsCorrelation pc = new PearsonsCorrelation();
            return pc.correlation(r1, s[0]) + pc.correlation(r2, s[1]);
        };
        StratifiedPermutationTest t = StratifiedPermutationTest.withDefaults().withPermutations(5000);
        StratifiedPermutationTest.Result a = t.test(strata, f, RandomStreams.of(3), ProgressListener.NONE);
        StratifiedPermutationTest.Result b = t.test(strata, f, RandomStreams.of(3), ProgressListener.NONE);
        StratifiedPermutationTest.Result c = t.test(strata, f, RandomStreams.of(4), ProgressListener.NONE);
        assertEquals(a, b);
        assertTrue(a.extreme() != c.extreme() || a.undefined() != c.undefined());
        // same seed on a single-thread pool gives the same counts
        java.util.concurrent.ForkJoinPool one = new java.util.concurrent.ForkJoinPool(1);
        try {
            StratifiedPermutationTest.Result d = one.submit(
                    () -> t.test(strata, f, RandomStreams.of(3), ProgressListener.NONE)).get();
            assertEquals(a, d);
        } catch (Exception e) {
            throw new AssertionError(e);
        } finally {
            one.shutdown();
        }
    }

    @Test
    void identicalSamplesGivePValueOne() {
        double[][] strata = {{0.4, 0.4, 0.4, 0.4}};
        StratifiedPermutationTest.Result res = StratifiedPermutationTest.withDefaults()
                .test(strata, () -> s -> 0.0, RandomStreams.of(1), ProgressListener.NONE);
        assertEquals(1.0, res.p(), 0);
    }

    @Test
    void stopsWhenInterrupted() {
        Thread.currentThread().interrupt();
        try {
            assertThrows(CancellationException.class, () -> StratifiedPermutationTest.withDefaults()
                    .test(new double[][] {{1, 2, 3, 4, 5, 6, 7, 8, 9, 10}}, () -> s -> s[0][0], RandomStreams.of(1),
                            ProgressListener.NONE));
        } finally {
            Thread.interrupted();
        }
    }
}
