package dev.cape.analysis.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.analysis.coupling.FamilyScores;
import dev.cape.analysis.coupling.KernelCoupling;
import dev.cape.analysis.resampling.ProgressListener;
import dev.cape.analysis.resampling.RandomStreams;
import dev.cape.analysis.resampling.StratifiedPermutationTest;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.stat.correlation.PearsonsCorrelation;
import org.junit.jupiter.api.Test;

class PooledPhaseCorrelationTest {

    // Two small families, every model in the tax phase (local couplings −0.95…−0.53).
    static final FamilyScores F1 = family("A", new double[] {0.1, 0.3, 1, 3}, new double[] {0.2, 0.3, 0.35, 0.5},
            new double[] {0.5, 0.45, 0.47, 0.3});
    static final FamilyScores F2 = family("B", new double[] {0.5, 1.5, 4}, new double[] {0.1, 0.25, 0.3},
            new double[] {0.6, 0.5, 0.52});

    static FamilyScores family(String name, double[] n, double[] r, double[] t) {
        double[] w = new double[n.length];
        Arrays.fill(w, Double.NaN);
        List<String> models = java.util.stream.IntStream.range(0, n.length).mapToObj(i -> name + i).toList();
        return new FamilyScores(name, models, n, r, t, w);
    }

    static double[] z(double[] v) {
        double m = Arrays.stream(v).average().orElseThrow();
        double sd = Math.sqrt(Arrays.stream(v).map(a -> (a - m) * (a - m)).sum() / v.length);
        return Arrays.stream(v).map(a -> (a - m) / sd).toArray();
    }

    @Test
    void rejectsTransitionAsTarget() {
        assertThrows(IllegalArgumentException.class, () -> PooledPhaseCorrelation.withDefaults().with(Phase.TRANSITION));
    }

    @Test
    void pooledRIsPearsonOfWithinFamilyZScores() {
        double[] zr = concat(z(F1.reasoning()), z(F2.reasoning()));
        double[] zt = concat(z(F1.truth()), z(F2.truth()));
        double expected = new PearsonsCorrelation().correlation(zr, zt);
        PooledPhaseCorrelation.Result res = PooledPhaseCorrelation.withDefaults().statistic(List.of(F1, F2));
        assertEquals(expected, res.r(), 1e-12);
        // scipy: stats.pearsonr(concat(zscore(R1), zscore(R2)), concat(zscore(T1), zscore(T2))).statistic
        assertEquals(-0.9194272274703723, res.r(), 1e-12);
        assertEquals(7, res.nModels());
        assertEquals(2, res.nFamilies());
    }

    @Test
    void naiveTestWithFixedSelectionMatchesBruteForceEnumeration() {
        // python brute force over itertools.permutations of T1 and T2 with the selection fixed: 5 of 144 have
        // |r*| >= |r|
        PooledPhaseCorrelation.Result res = PooledPhaseCorrelation.withDefaults()
                .with(PooledPhaseCorrelation.Selection.FIXED)
                .test(List.of(F1, F2), StratifiedPermutationTest.withDefaults(), RandomStreams.of(1),
                        ProgressListener.NONE);
        assertEquals(StratifiedPermutationTest.Method.EXACT, res.test().method());
        assertEquals(144, res.test().permutations());
        assertEquals(5, res.test().extreme());
        assertEquals(5 / 144.0, res.test().p(), 1e-15);
    }

    @Test
    void reselectingTestMatchesBruteForceEnumeration() {
        // independent python: for every pair of permutations, recompute c(x_i) with np.cov(aweights=...), select
        // c <= -0.2, z-score families with >= 3 selected, pearsonr of the pool: 38 of 144 extreme, 80 undefined
        PooledPhaseCorrelation.Result res = PooledPhaseCorrelation.withDefaults()
                .test(List.of(F1, F2), StratifiedPermutationTest.withDefaults(), RandomStreams.of(1),
                        ProgressListener.NONE);
        assertEquals(38, res.test().extreme());
        assertEquals(80, res.test().undefined());
        assertEquals(38 / 144.0, res.test().p(), 1e-15);
        assertTrue(res.test().p() > 5 / 144.0, "re-selection must not be more significant than the naive test here");
    }

    @Test
    void fastReselectingStatisticEqualsTheObservedPath() {
        PooledPhaseCorrelation.ReselectingStatistic s = new PooledPhaseCorrelation.ReselectingStatistic(
                List.of(F1, F2), KernelCoupling.withDefaults(), Phase.TAX, 0.2);
        assertEquals(PooledPhaseCorrelation.withDefaults().statistic(List.of(F1, F2)).r(),
                s.compute(new double[][] {F1.truth(), F2.truth()}), 1e-12);
    }

    @Test
    void noContributingFamilyGivesUndefinedRWithoutTest() {
        PooledPhaseCorrelation.Result res = PooledPhaseCorrelation.withDefaults().with(Phase.COOPERATIVE)
                .test(List.of(F1, F2), StratifiedPermutationTest.withDefaults(), RandomStreams.of(1),
                        ProgressListener.NONE);
        assertTrue(Double.isNaN(res.r()));
        assertEquals(0, res.nFamilies());
        assertEquals(null, res.test());
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
