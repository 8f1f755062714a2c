package dev.cape.analysis.frontier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FrontierLineTest {

    @Test
    void mismatchedOrNonFiniteInputIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> FrontierLine.fit(new double[] {1, 2}, new double[] {1}));
        assertEquals("x and y must have the same length: 2 vs 1", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> FrontierLine.fit(new double[] {1, Double.NaN}, new double[] {1, 2}));
    }

    @Test
    void lineIsUndefinedForOneModelOrConstantReasoning() {
        assertFalse(FrontierLine.fit(new double[] {0.5}, new double[] {0.3}).defined());
        FrontierLine.Result flat = FrontierLine.fit(new double[] {0.5, 0.5, 0.5}, new double[] {0.3, 0.4, 0.2});
        assertFalse(flat.defined());
        assertEquals(3, flat.n());
        assertEquals(0, FrontierLine.fit(new double[0], new double[0]).n());
    }

    @Test
    void lineMatchesNumpyPolyfit() {
        // numpy 2.4: b, a = np.polyfit([0.42, 0.55, 0.61, 0.38, 0.70, 0.66], [0.21, 0.30, 0.35, 0.18, 0.44, 0.37], 1)
        double[] x = {0.42, 0.55, 0.61, 0.38, 0.70, 0.66};
        double[] y = {0.21, 0.30, 0.35, 0.18, 0.44, 0.37};
        List<FrontierModel> models = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            models.add(new FrontierModel("m" + i, "lab" + (i % 2), x[i], y[i], "test:" + i));
        }
        FrontierLine.Result r = FrontierLine.fit(models);
        assertTrue(r.defined());
        // 1e-12: polyfit solves by least squares (SVD), this code by sums; both are exact to ~1e-15 here
        assertEquals(-0.11117156473391591, r.intercept(), 1e-12);
        assertEquals(0.7581413820492451, r.slope(), 1e-12);
        assertEquals(6, r.n());
        assertEquals(0.38, r.minX());
        assertEquals(0.70, r.maxX());
        assertEquals(-0.11117156473391591 + 0.7581413820492451 * 0.5, r.at(0.5), 1e-12);
    }

    @Test
    void lineThroughExactPointsIsExact() {
        // closed form: y = 0.1 + 0.5 x exactly
        FrontierLine.Result r = FrontierLine.fit(new double[] {0.2, 0.4, 0.8}, new double[] {0.2, 0.3, 0.5});
        assertEquals(0.1, r.intercept(), 1e-15);
        assertEquals(0.5, r.slope(), 1e-15);
    }
}
