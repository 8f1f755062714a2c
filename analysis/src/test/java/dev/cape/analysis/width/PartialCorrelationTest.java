package dev.cape.analysis.width;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.analysis.width.PartialCorrelation.Family;
import dev.cape.analysis.width.PartialCorrelation.Result;
import java.util.ArrayList;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

/**
 * Reference values: {@code resid(y, d) = y - X @ np.linalg.lstsq(X, y, rcond=None)[0]},
 * {@code X = np.c_[np.ones(len(d)), np.log2(d)]}, for the families A, B, C below.
 */
class PartialCorrelationTest {

    private static final Family A = new Family("A", new double[] {0.31, 0.38, 0.47, 0.55, 0.66},
            new double[] {0.44, 0.41, 0.39, 0.40, 0.36}, new double[] {2048, 2560, 4096, 5120, 8192});
    private static final Family B = new Family("B", new double[] {0.25, 0.33, 0.45, 0.52},
            new double[] {0.40, 0.37, 0.38, 0.33}, new double[] {1024, 2048, 3072, 4096});
    /** Two models share width 2048: ties in width are legal. */
    private static final Family C = new Family("C", new double[] {0.28, 0.36, 0.30, 0.41, 0.50, 0.58},
            new double[] {0.45, 0.38, 0.44, 0.40, 0.35, 0.37}, new double[] {1536, 2048, 2048, 3072, 4096, 6144});

    // ---- invalid input ----

    @Test
    void residualizeRejectsNaN() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PartialCorrelation.residualize(new double[] {0.1, Double.NaN, 0.3}, new double[] {10, 11, 12}));
        assertEquals("y[1] must be finite: NaN", e.getMessage());
        IllegalArgumentException w = assertThrows(IllegalArgumentException.class,
                () -> PartialCorrelation.residualize(new double[] {0.1, 0.2, 0.3},
                        new double[] {10, Double.POSITIVE_INFINITY, 12}));
        assertEquals("log2Width[1] must be finite: Infinity", w.getMessage());
    }

    @Test
    void residualizeRejectsEmptyShortAndMismatchedArrays() {
        assertEquals("y must not be empty: []", assertThrows(IllegalArgumentException.class,
                () -> PartialCorrelation.residualize(new double[0], new double[0])).getMessage());
        assertEquals("y must have at least 3 values: 2", assertThrows(IllegalArgumentException.class,
                () -> PartialCorrelation.residualize(new double[] {1, 2}, new double[] {10, 11})).getMessage());
        assertEquals("y and log2Width must have the same length: 3 vs 4", assertThrows(IllegalArgumentException.class,
                () -> PartialCorrelation.residualize(new double[] {1, 2, 3}, new double[] {10, 11, 12, 13}))
                .getMessage());
    }

    @Test
    void residualizeRejectsConstantWidth() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> PartialCorrelation.residualize(new double[] {0.1, 0.2, 0.4}, new double[] {12, 12, 12}));
        assertEquals("log2Width is constant (12.0 for all 3 values): width cannot be separated from the intercept",
                e.getMessage());
    }

    @Test
    void statisticRejectsMismatchedAndDegenerateInput() {
        assertEquals("rResid and tResid must have the same number of families: 1 vs 2",
                assertThrows(IllegalArgumentException.class, () -> PartialCorrelation.statistic(
                        List.of(new double[] {1, 2}), List.of(new double[] {1, 2}, new double[] {3, 4})))
                        .getMessage());
        assertEquals("rResid[0] and tResid[0] must have the same length: 2 vs 3",
                assertThrows(IllegalArgumentException.class, () -> PartialCorrelation.statistic(
                        List.of(new double[] {1, 2}), List.of(new double[] {1, 2, 3}))).getMessage());
        assertEquals("tResid[0][1] must be finite: NaN",
                assertThrows(IllegalArgumentException.class, () -> PartialCorrelation.statistic(
                        List.of(new double[] {1, 2}), List.of(new double[] {1, Double.NaN}))).getMessage());
        assertEquals("tResid has zero variance over 3 models: r is undefined",
                assertThrows(IllegalArgumentException.class, () -> PartialCorrelation.statistic(
                        List.of(new double[] {1, 2, 3}), List.of(new double[] {0, 0, 0}))).getMessage());
    }

    @Test
    void familyRejectsBadWidthsAndLengths() {
        assertEquals("hiddenWidth[1] must be > 0: 0.0 (family X)", assertThrows(IllegalArgumentException.class,
                () -> new Family("X", new double[] {1, 2, 3}, new double[] {1, 2, 3}, new double[] {8, 0, 9}))
                .getMessage());
        assertEquals("reasoning, truthfulness and hiddenWidth must have the same length: 3, 2, 3 (family X)",
                assertThrows(IllegalArgumentException.class, () -> new Family("X", new double[] {1, 2, 3},
                        new double[] {1, 2}, new double[] {8, 9, 10})).getMessage());
        assertEquals("truthfulness[0] must be finite: NaN (family X)", assertThrows(IllegalArgumentException.class,
                () -> new Family("X", new double[] {1, 2, 3}, new double[] {Double.NaN, 2, 3}, new double[] {8, 9, 10}))
                .getMessage());
        assertEquals("minModels must be >= 3: 2", assertThrows(IllegalArgumentException.class,
                () -> PartialCorrelation.withDefaults().withMinModels(2)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> PartialCorrelation.withDefaults().compute(List.of()));
    }

    // ---- exact identity with the partial-correlation formula ----

    @Test
    void residualCorrelationEqualsPartialCorrelationFormula() {
        for (Family f : List.of(A, B, C)) {
            double[] x = f.log2Width();
            double[] r = f.reasoning();
            double[] t = f.truthfulness();
            double rRT = pearson(r, t);
            double rRd = pearson(r, x);
            double rTd = pearson(t, x);
            double formula = (rRT - rRd * rTd) / Math.sqrt((1 - rRd * rRd) * (1 - rTd * rTd));
            double residual = PartialCorrelation.statistic(List.of(PartialCorrelation.residualize(r, x)),
                    List.of(PartialCorrelation.residualize(t, x)));
            assertEquals(formula, residual, 1e-12, f.family());
        }
    }

    // ---- NumPy references ----

    @Test
    void residualsMatchNumpyLstsq() {
        double[] x = A.log2Width();
        // resid(A.R, A.d), resid(A.T, A.d)
        assertArrayEquals(new double[] {-0.003643730712920734, 0.010774026679628235, -0.016297946018044795,
                0.008119811374504016, 0.0010478386768307812}, PartialCorrelation.residualize(A.reasoning(), x), 1e-14);
        assertArrayEquals(new double[] {0.008243577760575771, -0.0107490997748666, -0.007564555672422757,
                0.013442766792134908, -0.0033726891054213226}, PartialCorrelation.residualize(A.truthfulness(), x),
                1e-14);
        // resid(C.R, C.d), resid(C.T, C.d), with the tie at width 2048
        assertArrayEquals(new double[] {0.010219656078543915, 0.026021344295527826, -0.03397865570447217,
                -0.014461094202009306, 0.01134059401497467, 0.0008581555174377309},
                PartialCorrelation.residualize(C.reasoning(), C.log2Width()), 1e-14);
        assertArrayEquals(new double[] {0.015672512680355577, -0.03723852268985084, 0.02276147731014916,
                0.006847020187476793, -0.026064015182729716, 0.018021527694597972},
                PartialCorrelation.residualize(C.truthfulness(), C.log2Width()), 1e-14);
    }

    @Test
    void pooledStatisticMatchesNumpy() {
        Result res = PartialCorrelation.withDefaults().compute(List.of(A, B, C));
        // eR = np.concatenate([resid(F.R, F.d) for F in (A, B, C)]), eT likewise;
        // np.corrcoef(eR, eT)[0, 1] = -0.42828198141342483 (scipy.stats.pearsonr: -0.4282819814134247)
        assertEquals(-0.42828198141342483, res.r().getAsDouble(), 1e-12);
        assertEquals(15, res.models());
        assertEquals(3, res.included().size());
        assertTrue(res.excluded().isEmpty());
        assertEquals(res.r().getAsDouble(),
                PartialCorrelation.statistic(res.reasoningResiduals(), res.truthfulnessResiduals()), 0.0);
        // single family: np.corrcoef(resid(A.R, A.d), resid(A.T, A.d))[0, 1] = 0.1857396504534987
        assertEquals(0.1857396504534987, PartialCorrelation.withDefaults().compute(List.of(A)).r().getAsDouble(),
                1e-12);
        // A and B: -0.00128096259744467
        assertEquals(-0.00128096259744467, PartialCorrelation.withDefaults().compute(List.of(A, B)).r().getAsDouble(),
                1e-12);
    }

    // ---- exclusions ----

    @Test
    void constantWidthAndSmallFamiliesAreExcludedWithReason() {
        Family constant = new Family("Same", new double[] {0.3, 0.4, 0.5}, new double[] {0.5, 0.4, 0.45},
                new double[] {4096, 4096, 4096});
        Family small = new Family("Pair", new double[] {0.3, 0.4}, new double[] {0.5, 0.4}, new double[] {2048, 4096});
        Result res = PartialCorrelation.withDefaults().compute(List.of(A, constant, B, small, C));
        assertEquals(-0.42828198141342483, res.r().getAsDouble(), 1e-12);
        assertEquals(List.of("A", "B", "C"), res.included().stream().map(PartialCorrelation.Residuals::family).toList());
        assertEquals(2, res.excluded().size());
        assertEquals("Same", res.excluded().get(0).family());
        assertTrue(res.excluded().get(0).reason().contains("hidden width 4096"), res.excluded().get(0).reason());
        assertEquals("2 models, fewer than 3", res.excluded().get(1).reason());
    }

    @Test
    void noUsableFamilyGivesNoStatistic() {
        Family constant = new Family("Same", new double[] {0.3, 0.4, 0.5}, new double[] {0.5, 0.4, 0.45},
                new double[] {4096, 4096, 4096});
        Result res = PartialCorrelation.withDefaults().compute(List.of(constant));
        assertTrue(res.r().isEmpty());
        assertTrue(res.message().contains("no partial correlation"), res.message());
    }

    @Test
    void scoresExactlyLinearInLog2WidthGiveNoStatistic() {
        // R = 0.1 + 0.05 log2 d exactly: its residuals are rounding noise, r would be meaningless
        Family linear = new Family("Lin", new double[] {0.1 + 0.05 * 10, 0.1 + 0.05 * 11, 0.1 + 0.05 * 12},
                new double[] {0.5, 0.3, 0.45}, new double[] {1024, 2048, 4096});
        Result res = PartialCorrelation.withDefaults().compute(List.of(linear));
        assertTrue(res.r().isEmpty(), res.message());
        assertTrue(res.message().contains("of R vanish"), res.message());
    }

    @Test
    void minModelsOptionExcludesSmallerFamilies() {
        Result res = PartialCorrelation.withDefaults().withMinModels(5).compute(List.of(A, B, C));
        assertEquals(List.of("A", "C"), res.included().stream().map(PartialCorrelation.Residuals::family).toList());
        assertEquals(5, res.minModels());
    }

    // ---- properties ----

    @Test
    void invariantToAffineRescalingOfRAndT() {
        double base = PartialCorrelation.withDefaults().compute(List.of(A, B, C)).r().getAsDouble();
        List<Family> scaled = new ArrayList<>();
        List<Family> flipped = new ArrayList<>();
        for (Family f : List.of(A, B, C)) {
            scaled.add(new Family(f.family(), affine(f.reasoning(), 3.7, -1.2), affine(f.truthfulness(), 0.02, 5),
                    f.hiddenWidth()));
            flipped.add(new Family(f.family(), affine(f.reasoning(), -2, 1), f.truthfulness(), f.hiddenWidth()));
        }
        assertEquals(base, PartialCorrelation.withDefaults().compute(scaled).r().getAsDouble(), 1e-12);
        assertEquals(-base, PartialCorrelation.withDefaults().compute(flipped).r().getAsDouble(), 1e-12);
    }

    @Test
    void symmetricInRAndT() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(11L);
        for (int rep = 0; rep < 50; rep++) {
            List<Family> fs = randomFamilies(rng);
            List<Family> swapped = fs.stream().map(f -> new Family(f.family(), f.truthfulness(), f.reasoning(),
                    f.hiddenWidth())).toList();
            assertEquals(PartialCorrelation.withDefaults().compute(fs).r().getAsDouble(),
                    PartialCorrelation.withDefaults().compute(swapped).r().getAsDouble(), 1e-14);
        }
    }

    @Test
    void boundedByOneAndReachesItWhenTIsAffineInRAndWidth() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(12L);
        for (int rep = 0; rep < 200; rep++) {
            double r = PartialCorrelation.withDefaults().compute(randomFamilies(rng)).r().getAsDouble();
            assertTrue(r >= -1 && r <= 1, "r = " + r);
        }
        // T = 0.9 - 0.5 R + 0.03 log2 d within each family: residuals exactly proportional, r = -1
        List<Family> tied = new ArrayList<>();
        for (Family f : List.of(A, B, C)) {
            double[] x = f.log2Width();
            double[] r = f.reasoning();
            double[] t = new double[r.length];
            for (int i = 0; i < t.length; i++) {
                t[i] = 0.9 - 0.5 * r[i] + 0.03 * x[i];
            }
            tied.add(new Family(f.family(), r, t, f.hiddenWidth()));
        }
        assertEquals(-1.0, PartialCorrelation.withDefaults().compute(tied).r().getAsDouble(), 1e-12);
    }

    @Test
    void residualsAreOrthogonalToInterceptAndWidth() {
        double[] x = C.log2Width();
        double[] e = PartialCorrelation.residualize(C.reasoning(), x);
        double sum = 0;
        double dot = 0;
        for (int i = 0; i < e.length; i++) {
            sum += e[i];
            dot += e[i] * x[i];
        }
        assertEquals(0, sum, 1e-15);
        assertEquals(0, dot, 1e-13);
    }

    private static List<Family> randomFamilies(UniformRandomProvider rng) {
        List<Family> out = new ArrayList<>();
        int families = 1 + rng.nextInt(4);
        for (int f = 0; f < families; f++) {
            int n = 3 + rng.nextInt(6);
            double[] r = new double[n];
            double[] t = new double[n];
            double[] d = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = rng.nextDouble();
                t[i] = rng.nextDouble();
                d[i] = 512 * (1 + rng.nextInt(16));
            }
            d[0] = 256; // at least two widths
            out.add(new Family("F" + f, r, t, d));
        }
        return out;
    }

    private static double[] affine(double[] x, double a, double b) {
        double[] y = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            y[i] = a * x[i] + b;
        }
        return y;
    }

    private static double pearson(double[] a, double[] b) {
        double ma = 0;
        double mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i] / a.length;
            mb += b[i] / b.length;
        }
        double sab = 0;
        double saa = 0;
        double sbb = 0;
        for (int i = 0; i < a.length; i++) {
            sab += (a[i] - ma) * (b[i] - mb);
            saa += (a[i] - ma) * (a[i] - ma);
            sbb += (b[i] - mb) * (b[i] - mb);
        }
        return sab / Math.sqrt(saa * sbb);
    }
}
