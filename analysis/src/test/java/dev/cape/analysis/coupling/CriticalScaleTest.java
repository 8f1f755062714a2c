package dev.cape.analysis.coupling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class CriticalScaleTest {

    static CouplingCurve curve(double[] x, double[] c) {
        return new CouplingCurve("F", 0.4, x, c, new double[0], new double[0]);
    }

    @Test
    void undefinedWhenNoGridPointIsDefined() {
        CriticalScale nc = CriticalScale.of(curve(new double[] {0, 1}, new double[] {Double.NaN, Double.NaN}));
        assertEquals(CriticalScale.Status.UNDEFINED, nc.status());
        assertTrue(Double.isNaN(nc.paramsB()));
    }

    @Test
    void interpolatesTheFirstUpwardCrossingLinearly() {
        // c goes -0.5 → +0.25 between x = 0 and x = 1: zero at x = 0.5/0.75 = 2/3
        CriticalScale nc = CriticalScale.of(curve(new double[] {-1, 0, 1, 2}, new double[] {-0.9, -0.5, 0.25, -0.3}));
        assertEquals(CriticalScale.Status.CROSSING, nc.status());
        assertEquals(2.0 / 3.0, nc.log10Value(), 1e-15);
        assertEquals(Math.pow(10, 2.0 / 3.0), nc.paramsB(), 1e-12);
    }

    @Test
    void exactZeroOnTheGridIsTheCrossing() {
        CriticalScale nc = CriticalScale.of(curve(new double[] {0, 1, 2}, new double[] {-0.4, 0.0, 0.3}));
        assertEquals(1.0, nc.log10Value(), 0);
    }

    @Test
    void positiveEverywhereIsLeftCensoredAtTheSmallestSize() {
        CriticalScale nc = CriticalScale.of(curve(new double[] {0, 1, 2}, new double[] {0.1, 0.5, 0.2}));
        assertEquals(CriticalScale.Status.LEFT_CENSORED, nc.status());
        assertEquals(0.0, nc.log10Value(), 0);
        assertTrue(nc.status().censored());
    }

    @Test
    void negativeEverywhereIsRightCensoredAtTheLargestSize() {
        CriticalScale nc = CriticalScale.of(curve(new double[] {0, 1, 2}, new double[] {-0.1, -0.5, -0.2}));
        assertEquals(CriticalScale.Status.RIGHT_CENSORED, nc.status());
        assertEquals(2.0, nc.log10Value(), 0);
    }

    @Test
    void onlyDownwardCrossingIsReportedWithItsScale() {
        CriticalScale nc = CriticalScale.of(curve(new double[] {0, 1, 2}, new double[] {0.6, 0.2, -0.2}));
        assertEquals(CriticalScale.Status.NO_UPWARD_CROSSING, nc.status());
        assertEquals(1.5, nc.log10Value(), 1e-15);
    }

    @Test
    void upwardCrossingAfterADownwardOneIsFound() {
        CriticalScale nc = CriticalScale.of(curve(new double[] {0, 1, 2, 3}, new double[] {0.5, -0.5, -0.1, 0.3}));
        assertEquals(CriticalScale.Status.CROSSING, nc.status());
        assertEquals(2.25, nc.log10Value(), 1e-15);
    }

    @Test
    void syntheticFamilyCrossesWhereTheCurveDoes() {
        CouplingCurve c = KernelCoupling.withDefaults().fit(
                KernelCouplingTest.family(KernelCouplingTest.N, KernelCouplingTest.R, KernelCouplingTest.T));
        CriticalScale nc = CriticalScale.of(c);
        assertEquals(CriticalScale.Status.CROSSING, nc.status());
        // the interpolated zero lies between the bracketing grid points, where c changes sign
        KernelCoupling k = KernelCoupling.withDefaults();
        double[] x = KernelCouplingTest.log10(KernelCouplingTest.N);
        double step = c.gridX()[1] - c.gridX()[0];
        assertTrue(k.statistic(x, KernelCouplingTest.R, KernelCouplingTest.T, nc.log10Value() - step) < 0);
        assertTrue(k.statistic(x, KernelCouplingTest.R, KernelCouplingTest.T, nc.log10Value() + step) > 0);
    }
}
