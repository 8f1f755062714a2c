package dev.cape.analysis.ode;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StlsqTest {

    private static final PolynomialLibrary LIB = PolynomialLibrary.ofOrder(2);

    /** Library rows on a 6 × 6 grid of states in [0.1, 0.9]². */
    private static double[][] grid() {
        double[][] th = new double[36][];
        int i = 0;
        for (int a = 0; a < 6; a++) {
            for (int b = 0; b < 6; b++) {
                th[i++] = LIB.evaluate(0.1 + 0.16 * a, 0.1 + 0.16 * b);
            }
        }
        return th;
    }

    @Test
    void invalidOptionsAreRefusedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Stlsq.withDefaults().withThreshold(-0.1));
        assertEquals("threshold must be a finite number >= 0: -0.1", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Stlsq.withDefaults().withRidge(Double.NaN));
        assertThrows(IllegalArgumentException.class, () -> Stlsq.withDefaults().withMaxIterations(0));
    }

    @Test
    void fewerSamplesThanTermsIsRefused() {
        double[][] th = {LIB.evaluate(0.1, 0.2), LIB.evaluate(0.3, 0.4)};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Stlsq.withDefaults().fit(LIB, th, new double[] {1, 2}));
        assertTrue(e.getMessage().contains("at least as many derivative samples as library terms"), e.getMessage());
    }

    @Test
    void constantColumnIsReportedAsSingularNamingTheTerm() {
        double[][] th = new double[8][];
        double[] y = new double[8];
        for (int i = 0; i < 8; i++) {
            th[i] = LIB.evaluate(0.1 * i, 0.5);
            y[i] = i;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Stlsq.withDefaults().fit(LIB, th, y));
        assertTrue(e.getMessage().startsWith("library is singular: term T is constant (0.5"), e.getMessage());
    }

    @Test
    void collinearColumnsAreReportedAsSingular() {
        double[][] th = new double[8][];
        double[] y = new double[8];
        for (int i = 0; i < 8; i++) {
            th[i] = LIB.evaluate(0.1 * i + 0.05, 0.1 * i + 0.05); // R = T on every sample
            y[i] = i;
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Stlsq.withDefaults().fit(LIB, th, y));
        assertTrue(e.getMessage().contains("linearly dependent"), e.getMessage());
    }

    @Test
    void withoutPenaltyOrThresholdAnExactPolynomialIsReproduced() {
        double[][] th = grid();
        double[] xi = {0.2, -0.7, 0.3, 1.1, -0.4, 0.05};
        double[] y = new double[th.length];
        for (int i = 0; i < th.length; i++) {
            for (int k = 0; k < xi.length; k++) {
                y[i] += th[i][k] * xi[k];
            }
        }
        Stlsq.Result r = Stlsq.withDefaults().withThreshold(0).withRidge(0).fit(LIB, th, y);
        // exact least squares on noiseless data: only rounding error (condition number ~1e2)
        for (int k = 0; k < xi.length; k++) {
            assertEquals(xi[k], r.vector()[k], 1e-12, LIB.termNames().get(k));
        }
        assertTrue(r.converged());
        assertEquals(1, r.iterations());
    }

    @Test
    void thresholdRemovesSmallTermsAndRefitsTheRest() {
        double[][] th = grid();
        double[] y = new double[th.length];
        for (int i = 0; i < th.length; i++) {
            y[i] = 0.5 * th[i][1] - 0.8 * th[i][4] + 0.01 * th[i][5]; // 0.5 R - 0.8 R*T + 0.01 T^2
        }
        Stlsq.Result r = Stlsq.withDefaults().withRidge(0).fit(LIB, th, y);
        assertEquals(List.of("R", "R*T"), r.support());
        // the final refit is ordinary least squares of y on the columns R and R*T without intercept; solve its
        // 2 x 2 normal equations by Cramer's rule as the independent reference
        double saa = 0;
        double sab = 0;
        double sbb = 0;
        double say = 0;
        double sby = 0;
        for (int i = 0; i < th.length; i++) {
            double a = th[i][1];
            double b = th[i][4];
            saa += a * a;
            sab += a * b;
            sbb += b * b;
            say += a * y[i];
            sby += b * y[i];
        }
        double det = saa * sbb - sab * sab;
        assertEquals((say * sbb - sab * sby) / det, r.coefficients().get("R"), 1e-12);
        assertEquals((saa * sby - sab * say) / det, r.coefficients().get("R*T"), 1e-12);
        assertEquals(0.0, r.coefficients().get("T^2"), 0);
        assertEquals(0.0, r.coefficients().get("1"), 0);
        assertTrue(r.converged());
        assertEquals(0.05, r.threshold());
    }

    @Test
    void hugeThresholdGivesTheZeroEquation() {
        double[][] th = grid();
        double[] y = new double[th.length];
        for (int i = 0; i < th.length; i++) {
            y[i] = 0.1 * th[i][1];
        }
        Stlsq.Result r = Stlsq.withDefaults().withThreshold(10).fit(LIB, th, y);
        assertTrue(r.support().isEmpty());
        assertTrue(r.coefficients().values().stream().allMatch(v -> v == 0));
    }

    @Test
    void iterationLimitIsReportedWhenTheSupportStillChanges() {
        double[][] th = grid();
        double[] y = new double[th.length];
        for (int i = 0; i < th.length; i++) {
            y[i] = 0.5 * th[i][1] - 0.8 * th[i][4] + 0.01 * th[i][5];
        }
        Stlsq.Result r = Stlsq.withDefaults().withMaxIterations(1).fit(LIB, th, y);
        assertFalse(r.converged());
        assertTrue(r.notes().get(0).contains("support still changing after 1 iterations"), r.notes().toString());
    }

    @Test
    void ridgeShrinksTowardsZeroOnStandardisedColumns() {
        double[][] th = grid();
        double[] y = new double[th.length];
        for (int i = 0; i < th.length; i++) {
            y[i] = 0.2 + 0.5 * th[i][1];
        }
        double small = Stlsq.withDefaults().withThreshold(0).withRidge(1e-3).fit(LIB, th, y).coefficients().get("R");
        double big = Stlsq.withDefaults().withThreshold(0).withRidge(1e3).fit(LIB, th, y).coefficients().get("R");
        // α = 1e-3 against Σz² = n = 36 per standardised column: a relative shrinkage of order 1e-4
        assertEquals(0.5, small, 1e-3);
        assertTrue(Math.abs(big) < Math.abs(small), big + " vs " + small);
    }

    @Test
    void nearlyCollinearColumnsGiveAnIllConditioningWarning() {
        PolynomialLibrary lin = PolynomialLibrary.ofOrder(1);
        double[][] th = new double[10][];
        double[] y = new double[10];
        for (int i = 0; i < 10; i++) {
            double r = 0.1 + 0.08 * i;
            th[i] = lin.evaluate(r, r + (i % 2 == 0 ? 1e-9 : -1e-9)); // T = R ± 1e-9
            y[i] = 0.5 * r;
        }
        Stlsq.Result r = Stlsq.withDefaults().fit(lin, th, y);
        assertTrue(r.conditionNumber() > Stlsq.ILL_CONDITIONED, "condition " + r.conditionNumber());
        assertTrue(r.notes().get(0).startsWith("library is ill-conditioned: condition number"), r.notes().toString());
    }
}
