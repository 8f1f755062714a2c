package dev.cape.analysis.resampling;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class PercentileTest {

    static final double[] V = {0.3, 1.2, -0.5, 2.2, 0.9, 0.1, 1.7};

    @Test
    void rejectsEmptySampleAndProbabilityOutsideUnitInterval() {
        assertThrows(IllegalArgumentException.class, () -> Percentile.quantile(new double[0], 0.5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Percentile.quantile(V, 1.5));
        assertEquals("p must be in [0, 1]: 1.5", e.getMessage());
    }

    @Test
    void matchesNumpyLinearQuantiles() {
        // numpy 2.4: [np.quantile(V, p) for p in (0, 0.025, 0.5, 0.975, 1)] = -0.5, -0.41, 0.9, 2.125, 2.2
        assertEquals(-0.5, Percentile.quantile(V, 0), 0);
        assertEquals(-0.41, Percentile.quantile(V, 0.025), 1e-15);
        assertEquals(0.9, Percentile.quantile(V, 0.5), 0);
        assertEquals(2.125, Percentile.quantile(V, 0.975), 1e-15);
        assertEquals(2.2, Percentile.quantile(V, 1), 0);
        assertEquals(0.3, V[0], 0); // input not modified
    }
}
