package dev.cape.analysis.phase;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.analysis.coupling.FamilyScores;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class PooledZScoresTest {

    static final FamilyScores A = family("A", new double[] {0.5, 1, 2, 4, 8, 16},
            new double[] {0.30, 0.33, 0.37, 0.42, 0.46, 0.52}, new double[] {0.48, 0.46, 0.45, 0.41, 0.40, 0.36});
    static final FamilyScores B = family("B", new double[] {0.1, 0.3, 1, 3, 10, 30, 100},
            new double[] {0.25, 0.28, 0.32, 0.38, 0.45, 0.55, 0.65},
            new double[] {0.45, 0.42, 0.40, 0.39, 0.43, 0.50, 0.58});
    static final FamilyScores TWO = family("C", new double[] {1, 7}, new double[] {0.3, 0.4}, new double[] {0.4, 0.3});
    static final List<FamilyScores> ALL = List.of(A, B, TWO);

    static FamilyScores family(String name, double[] n, double[] r, double[] t) {
        double[] w = new double[n.length];
        Arrays.fill(w, Double.NaN);
        return new FamilyScores(name, IntStream.range(0, n.length).mapToObj(i -> name + i).toList(), n, r, t, w);
    }

    @Test
    void transitionPhaseAndBadTauAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> PooledZScores.withDefaults().with(Phase.TRANSITION));
        assertThrows(IllegalArgumentException.class, () -> PooledZScores.withDefaults().withTau(-0.1));
    }

    @Test
    void taxZScoresMatchNumpy() {
        // numpy 2.4, independent of this code: c_i = weighted Pearson with w = exp(-(x - x_i)^2 / (2 * 0.4^2)),
        // x = log10 N; tax where c <= -0.2 (A: all six, B: models 0-2); z = (v - v.mean()) / v.std() (ddof=0)
        PooledZScores.Result r = PooledZScores.withDefaults().fit(ALL);
        assertEquals(List.of("A", "B"), r.families());
        assertEquals(9, r.points().size());
        double[] zr = {-1.3245323570650434, -0.9271726499455298, -0.3973597071195127, 0.26490647141300894,
            0.7947194142390268, 1.589438828478053, -1.1624763874381943, -0.11624763874382002, 1.2787240261820105};
        double[] zt = {1.3107710728304662, 0.8192319205190429, 0.5734623443633307, -0.40961596025951874,
            -0.6553855364152297, -1.6384638410380792, 1.2977713690461006, -0.1622214211307636, -1.135549947915337};
        int[] index = {0, 1, 2, 3, 4, 5, 0, 1, 2};
        for (int k = 0; k < 9; k++) {
            PooledZScores.Point p = r.points().get(k);
            assertEquals(index[k], p.index());
            assertEquals(k < 6 ? "A" : "B", p.family());
            assertEquals(p.family() + index[k], p.model());
            // 1e-12: a few rounding steps on values of order 1
            assertEquals(zr[k], p.zReasoning(), 1e-12, "z_R " + k);
            assertEquals(zt[k], p.zTruth(), 1e-12, "z_T " + k);
        }
        // numpy: np.mean(np.concatenate([zr_A * zt_A, zr_B * zt_B]))
        assertEquals(-0.9887800279761938, r.r(), 1e-12);
        assertEquals(Phase.TAX, r.phase());
        assertEquals(0.2, r.tau());
        assertEquals(0.4, r.bandwidth());
    }

    @Test
    void cooperativeZScoresMatchNumpy() {
        // numpy as above: B models 3-6 have c >= 0.2
        PooledZScores.Result r = PooledZScores.withDefaults().with(Phase.COOPERATIVE).fit(ALL);
        assertEquals(List.of("B"), r.families());
        double[] zr = {-1.2491148635780134, -0.5633263110253789, 0.4163716211926708, 1.39606955341072};
        double[] zt = {-1.1759145885723268, -0.6225430174794672, 0.34585723193303775, 1.452600374118757};
        for (int k = 0; k < 4; k++) {
            assertEquals(3 + k, r.points().get(k).index());
            assertEquals(zr[k], r.points().get(k).zReasoning(), 1e-12);
            assertEquals(zt[k], r.points().get(k).zTruth(), 1e-12);
        }
        assertEquals(0.9978708860791551, r.r(), 1e-12);
    }

    @Test
    void familiesAndRAreThoseOfThePooledCorrelation() {
        for (Phase phase : List.of(Phase.TAX, Phase.COOPERATIVE)) {
            for (double tau : new double[] {0.2, 0.7}) {
                PooledZScores.Result z = PooledZScores.withDefaults().with(phase).withTau(tau).fit(ALL);
                PooledPhaseCorrelation.Result c = PooledPhaseCorrelation.withDefaults().with(phase).withTau(tau)
                        .statistic(ALL);
                assertEquals(c.families(), z.families(), phase + " " + tau);
                assertEquals(c.nModels(), z.points().size());
                assertTrue(Double.isNaN(c.r()) ? Double.isNaN(z.r()) : Math.abs(c.r() - z.r()) < 1e-12,
                        c.r() + " vs " + z.r());
            }
        }
    }
}
