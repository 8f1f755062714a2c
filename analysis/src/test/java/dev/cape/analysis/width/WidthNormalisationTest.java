package dev.cape.analysis.width;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.analysis.coupling.FamilyScores;
import dev.cape.analysis.phase.PooledPhaseCorrelation;
import dev.cape.analysis.resampling.ProgressListener;
import dev.cape.analysis.resampling.RandomStreams;
import dev.cape.analysis.resampling.StratifiedPermutationTest;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class WidthNormalisationTest {

    // Two tax-phase families with widths growing with size, one family without widths.
    static final FamilyScores A = family("A", new double[] {0.1, 0.4, 1, 3, 7},
            new double[] {0.20, 0.26, 0.31, 0.38, 0.47}, new double[] {0.47, 0.44, 0.45, 0.39, 0.36},
            new double[] {768, 1024, 2048, 2560, 4096});
    static final FamilyScores B = family("B", new double[] {0.3, 1.2, 2.7, 6.7},
            new double[] {0.22, 0.27, 0.33, 0.41}, new double[] {0.46, 0.45, 0.41, 0.38},
            new double[] {1024, 2048, 2560, 4096});
    static final FamilyScores C = family("C", new double[] {1, 3, 9}, new double[] {0.3, 0.4, 0.5},
            new double[] {0.5, 0.45, 0.41}, new double[] {Double.NaN, Double.NaN, Double.NaN});

    static FamilyScores family(String name, double[] n, double[] r, double[] t, double[] w) {
        return new FamilyScores(name, java.util.stream.IntStream.range(0, n.length).mapToObj(i -> name + i).toList(),
                n, r, t, w);
    }

    static final StratifiedPermutationTest FEW = StratifiedPermutationTest.withDefaults().withPermutations(500);

    @Test
    void modelsWithoutWidthAreLeftOut() {
        WidthNormalisation.Result res = WidthNormalisation.withDefaults()
                .test(List.of(A, B, C), FEW, RandomStreams.of(1), ProgressListener.NONE);
        assertEquals(List.of("A", "B"), res.familiesUsed());
        assertEquals(9, res.all().models());
        assertFalse(res.taxFamilies().contains("C"));
    }

    @Test
    void allModelsPartialEqualsPartialCorrelationOfTheFamilies() {
        double expected = PartialCorrelation.withDefaults().compute(List.of(
                new PartialCorrelation.Family("A", A.reasoning(), A.truth(), A.width()),
                new PartialCorrelation.Family("B", B.reasoning(), B.truth(), B.width()))).r().getAsDouble();
        WidthNormalisation.Result res = WidthNormalisation.withDefaults()
                .test(List.of(A, B, C), FEW, RandomStreams.of(1), ProgressListener.NONE);
        assertEquals(expected, res.all().r().getAsDouble(), 1e-12);
        assertEquals(expected, res.allTest().observed(), 1e-12);
        assertTrue(res.allTest().p() > 0 && res.allTest().p() <= 1);
    }

    @Test
    void fastTaxRegionStatisticsEqualTheReferenceRoutines() {
        WidthNormalisation.TaxRegionStatistics region = new WidthNormalisation.TaxRegionStatistics(List.of(A, B));
        int[][] sel = {{0, 1, 2, 4}, {0, 1, 2, 3}};
        double[][] t = {A.truth(), B.truth()};
        double partial = PartialCorrelation.statistic(
                List.of(PartialCorrelation.residualize(pick(A.reasoning(), sel[0]), log2(pick(A.width(), sel[0]))),
                        PartialCorrelation.residualize(B.reasoning(), log2(B.width()))),
                List.of(PartialCorrelation.residualize(pick(A.truth(), sel[0]), log2(pick(A.width(), sel[0]))),
                        PartialCorrelation.residualize(B.truth(), log2(B.width()))));
        assertEquals(partial, region.partial(t, sel), 1e-12);
        RatioVariant.Ratios ra = RatioVariant.of(pick(A.reasoning(), sel[0]), pick(A.truth(), sel[0]),
                pick(A.width(), sel[0]));
        RatioVariant.Ratios rb = RatioVariant.of(B.reasoning(), B.truth(), B.width());
        double ratio = (PooledPhaseCorrelation.zProductSum(ra.reasoning(), ra.truthfulness(), null)
                + PooledPhaseCorrelation.zProductSum(rb.reasoning(), rb.truthfulness(), null)) / 8;
        assertEquals(ratio, region.ratio(t, sel), 1e-12);
        // fewer than 3 selected models with width: nothing to pool
        assertTrue(Double.isNaN(region.partial(t, new int[][] {{0, 1}, {2}})));
    }

    @Test
    void fixedAndReselectingTestsBothRunAndAreDeterministic() {
        for (PooledPhaseCorrelation.Selection s : PooledPhaseCorrelation.Selection.values()) {
            WidthNormalisation w = WidthNormalisation.withDefaults().with(s);
            WidthNormalisation.Result a = w.test(List.of(A, B, C), FEW, RandomStreams.of(4), ProgressListener.NONE);
            WidthNormalisation.Result b = w.test(List.of(A, B, C), FEW, RandomStreams.of(4), ProgressListener.NONE);
            assertEquals(a.taxTest(), b.taxTest(), s.name());
            assertEquals(a.ratioTest(), b.ratioTest(), s.name());
            assertEquals(s, a.selection());
            assertTrue(Double.isFinite(a.partialRTax()));
        }
    }

    @Test
    void testsOfTheTaxRegionCanBeLeftToTheCaller() {
        WidthNormalisation.Result res = WidthNormalisation.withDefaults()
                .test(List.of(A, B), FEW, RandomStreams.of(1), ProgressListener.NONE, false);
        assertNull(res.taxTest());
        assertNull(res.ratioTest());
        assertTrue(Double.isFinite(res.partialRTax()));
    }

    @Test
    void fixedSelectionLeavesTheInputUntouched() {
        double[] before = A.truth().clone();
        WidthNormalisation.withDefaults().with(PooledPhaseCorrelation.Selection.FIXED)
                .test(List.of(A, B), FEW, RandomStreams.of(1), ProgressListener.NONE);
        assertEquals(Arrays.toString(before), Arrays.toString(A.truth()));
    }

    @Test
    void vanishingIsJudgedOnTheTaxRegion() {
        WidthNormalisation.Result res = WidthNormalisation.withDefaults()
                .test(List.of(A, B), FEW, RandomStreams.of(1), ProgressListener.NONE);
        boolean expected = Math.abs(res.partialRTax()) < 0.3 || res.taxTest().p() > 0.05;
        assertEquals(expected, res.anticorrelationVanishes());
    }

    static double[] pick(double[] v, int[] idx) {
        return Arrays.stream(idx).mapToDouble(i -> v[i]).toArray();
    }

    static double[] log2(double[] w) {
        return Arrays.stream(w).map(d -> Math.log(d) / Math.log(2)).toArray();
    }
}
