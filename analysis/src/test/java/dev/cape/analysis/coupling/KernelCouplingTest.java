package dev.cape.analysis.coupling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class KernelCouplingTest {

    // A Pythia-like family: reasoning rises while truthfulness falls, then recovers.
    static final double[] N = {0.07, 0.16, 0.41, 1.0, 1.4, 2.8, 6.9, 12.0};
    static final double[] R = {0.25, 0.27, 0.30, 0.33, 0.35, 0.38, 0.45, 0.50};
    static final double[] T = {0.45, 0.44, 0.41, 0.40, 0.39, 0.36, 0.37, 0.41};

    static FamilyScores family(double[] n, double[] r, double[] t) {
        List<String> names = java.util.stream.IntStream.range(0, n.length).mapToObj(i -> "m" + i).toList();
        double[] w = new double[n.length];
        java.util.Arrays.fill(w, Double.NaN);
        return new FamilyScores("F", names, n, r, t, w);
    }

    static double[] log10(double[] n) {
        return java.util.Arrays.stream(n).map(Math::log10).toArray();
    }

    @Test
    void rejectsNonPositiveBandwidth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> KernelCoupling.withDefaults().withBandwidth(-0.4));
        assertEquals("bandwidth must be a finite number > 0: -0.4", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> KernelCoupling.withDefaults().withBandwidth(Double.NaN));
    }

    @Test
    void rejectsCoarseGrid() {
        assertThrows(IllegalArgumentException.class, () -> KernelCoupling.withDefaults().withGridPoints(199));
    }

    @Test
    void undefinedForFewerThanThreeModels() {
        KernelCoupling k = KernelCoupling.withDefaults();
        assertTrue(Double.isNaN(k.statistic(new double[] {0, 1}, new double[] {0.1, 0.2}, new double[] {0.3, 0.1}, 0)));
    }

    @Test
    void undefinedWhereTruthfulnessIsConstant() {
        KernelCoupling k = KernelCoupling.withDefaults();
        double[] t = {0.4, 0.4, 0.4};
        assertTrue(Double.isNaN(k.statistic(new double[] {0, 0.5, 1}, new double[] {0.1, 0.2, 0.3}, t, 0.5)));
        CouplingCurve curve = k.fit(family(new double[] {1, 3, 10}, new double[] {0.1, 0.2, 0.3}, t));
        assertTrue(!curve.defined());
        assertEquals(CriticalScale.Status.UNDEFINED, CriticalScale.of(curve).status());
    }

    @Test
    void matchesNumpyWeightedCorrelation() {
        // numpy 2.4, x = np.log10(N):
        //   w = np.exp(-(x - x0)**2 / (2*h*h)); C = np.cov(R, T, aweights=w, bias=True)
        //   C[0, 1] / np.sqrt(C[0, 0] * C[1, 1])   for x0 in (x[0], 0.0, x[-1], 0.5) with h = 0.4,
        //   and x0 = np.log10(2.8) with h = 0.2
        KernelCoupling k = KernelCoupling.withDefaults();
        double[] x = log10(N);
        assertEquals(-0.9748337041556667, k.statistic(x, R, T, x[0]), 1e-12);
        assertEquals(-0.8031221638053899, k.statistic(x, R, T, 0.0), 1e-12);
        assertEquals(0.7428045689307348, k.statistic(x, R, T, x[7]), 1e-12);
        assertEquals(-0.04695365875943046, k.statistic(x, R, T, 0.5), 1e-12);
        assertEquals(-0.44619798759337, k.withBandwidth(0.2).statistic(x, R, T, Math.log10(2.8)), 1e-12);
    }

    @Test
    void invariantToAffineRescalingAndSymmetric() {
        KernelCoupling k = KernelCoupling.withDefaults();
        double[] x = log10(N);
        double[] r2 = java.util.Arrays.stream(R).map(v -> 3 * v - 1).toArray();
        double[] t2 = java.util.Arrays.stream(T).map(v -> 0.5 * v + 7).toArray();
        double[] tNeg = java.util.Arrays.stream(T).map(v -> -v).toArray();
        for (double x0 : new double[] {-1, 0, 0.3, 1}) {
            double c = k.statistic(x, R, T, x0);
            assertEquals(c, k.statistic(x, r2, t2, x0), 1e-12);
            assertEquals(c, k.statistic(x, T, R, x0), 1e-12);
            assertEquals(-c, k.statistic(x, R, tNeg, x0), 1e-12);
            assertTrue(c >= -1 && c <= 1);
        }
    }

    @Test
    void curveSpansTheObservedRangeAndEvaluatesAtEveryModel() {
        CouplingCurve curve = KernelCoupling.withDefaults().fit(family(N, R, T));
        assertEquals(200, curve.gridX().length);
        assertEquals(Math.log10(0.07), curve.gridX()[0], 1e-15);
        assertEquals(Math.log10(12.0), curve.gridX()[199], 1e-15);
        assertEquals(-0.9748337041556667, curve.modelC()[0], 1e-12);
        assertEquals(curve.gridC()[0], curve.modelC()[0], 1e-15);
        assertEquals(curve.gridC()[199], curve.at(curve.gridX()[199]), 0);
        assertTrue(Double.isNaN(curve.at(5)));
    }
}
