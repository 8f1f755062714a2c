package dev.cape.analysis.ode;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PolynomialLibraryTest {

    @Test
    void orderOutsideRangeIsRefusedWithTheValue() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PolynomialLibrary.ofOrder(0));
        assertTrue(e.getMessage().contains("order") && e.getMessage().endsWith(": 0"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> PolynomialLibrary.ofOrder(6));
    }

    @Test
    void orderTwoHasTheSixTermsOfTheMethodInOrder() {
        assertEquals(List.of("1", "R", "T", "R^2", "R*T", "T^2"), PolynomialLibrary.ofOrder(2).termNames());
        assertEquals(List.of("1", "R", "T", "R^2", "R*T", "T^2", "R^3", "R^2*T", "R*T^2", "T^3"),
                PolynomialLibrary.ofOrder(3).termNames());
        assertEquals(21, PolynomialLibrary.ofOrder(5).size());
    }

    @Test
    void evaluatesMonomials() {
        // exact in binary floating point: powers of 0.5 and 0.25
        assertArrayEquals(new double[] {1, 0.5, 0.25, 0.25, 0.125, 0.0625},
                PolynomialLibrary.ofOrder(2).evaluate(0.5, 0.25), 0);
    }

    @Test
    void analyticDerivativesMatchCentralDifferences() {
        PolynomialLibrary lib = PolynomialLibrary.ofOrder(4);
        double r = 0.37;
        double t = 0.61;
        double h = 1e-6;
        double[] dr = lib.derivativeR(r, t);
        double[] dt = lib.derivativeT(r, t);
        double[] rp = lib.evaluate(r + h, t);
        double[] rm = lib.evaluate(r - h, t);
        double[] tp = lib.evaluate(r, t + h);
        double[] tm = lib.evaluate(r, t - h);
        for (int k = 0; k < lib.size(); k++) {
            // central difference error O(h^2) ~ 1e-12 plus rounding ~ 1e-16/h = 1e-10
            assertEquals((rp[k] - rm[k]) / (2 * h), dr[k], 1e-8, lib.termNames().get(k));
            assertEquals((tp[k] - tm[k]) / (2 * h), dt[k], 1e-8, lib.termNames().get(k));
        }
    }
}
