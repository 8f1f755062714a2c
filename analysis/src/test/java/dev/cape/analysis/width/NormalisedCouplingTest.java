package dev.cape.analysis.width;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cape.analysis.coupling.FamilyScores;
import dev.cape.analysis.coupling.KernelCoupling;
import java.util.List;
import org.junit.jupiter.api.Test;

class NormalisedCouplingTest {

    static final FamilyScores F = new FamilyScores("F", List.of("f0", "f1", "f2", "f3", "f4"),
            new double[] {0.5, 1, 3, 7, 13}, new double[] {0.30, 0.34, 0.41, 0.47, 0.52},
            new double[] {0.45, 0.41, 0.40, 0.38, 0.42}, new double[] {1024, 2048, 2560, 4096, 5120});

    @Test
    void nullCouplingIsRefused() {
        assertThrows(NullPointerException.class, () -> NormalisedCoupling.withDefaults().with(null));
    }

    @Test
    void couplingsOfRawAndWidthNormalisedScoresMatchNumpy() {
        // numpy 2.4, independent of this code: x = np.log10(N), w = np.exp(-(x - x0)**2 / (2 * 0.4**2)),
        // c(x0) = weighted Pearson of (r, t) with np.average means; normalised scores r / np.log2(d), t / np.log2(d)
        NormalisedCoupling.Result r = NormalisedCoupling.withDefaults().fit(List.of(F));
        assertEquals(1, r.families().size());
        NormalisedCoupling.Family f = r.families().get(0);
        double[] raw = {-0.8674259485395253, -0.8220452519075396, -0.4931646979067336, 0.22496882546389207,
            0.5656587430310085};
        double[] norm = {-0.6601739196382683, -0.722465462906342, -0.780432672861866, -0.4969078067005515,
            -0.04789476819793815};
        for (int i = 0; i < 5; i++) {
            // 1e-12: sums of five terms of order 1
            assertEquals(raw[i], f.rawCoupling(i), 1e-12, "raw " + i);
            assertEquals(norm[i], f.normalisedCoupling(i), 1e-12, "normalised " + i);
        }
        double[] grid = f.normalised().gridC();
        assertEquals(-0.6601739196382683, grid[0], 1e-12);
        assertEquals(-0.04789476819793815, grid[grid.length - 1], 1e-12);
        assertArrayEquals(F.width(), f.widths(), 0);
        assertEquals(0.4, r.bandwidth());
    }

    @Test
    void familiesWithoutEveryWidthOrWithTooFewModelsAreSkippedWithTheReason() {
        FamilyScores unknown = new FamilyScores("U", List.of("u0", "u1", "u2"), new double[] {1, 2, 4},
                new double[] {0.3, 0.4, 0.5}, new double[] {0.5, 0.4, 0.45}, new double[] {2048, Double.NaN, 4096});
        FamilyScores small = new FamilyScores("S", List.of("s0", "s1"), new double[] {1, 2},
                new double[] {0.3, 0.4}, new double[] {0.5, 0.4}, new double[] {2048, 4096});
        FamilyScores one = new FamilyScores("O", List.of("o0", "o1", "o2"), new double[] {1, 2, 4},
                new double[] {0.3, 0.4, 0.5}, new double[] {0.5, 0.4, 0.45}, new double[] {1, 2048, 4096});
        NormalisedCoupling.Result r = NormalisedCoupling.withDefaults().with(KernelCoupling.withDefaults()
                .withBandwidth(0.3)).fit(List.of(unknown, F, small, one));
        assertEquals(List.of("F"), r.families().stream().map(NormalisedCoupling.Family::family).toList());
        assertEquals(List.of(new NormalisedCoupling.Skipped("U", "no hidden width for u1"),
                new NormalisedCoupling.Skipped("S", "fewer than 3 models"),
                new NormalisedCoupling.Skipped("O", "hidden width of o0 must be > 1: 1.0")), r.skipped());
        assertEquals(0.3, r.bandwidth());
    }
}
