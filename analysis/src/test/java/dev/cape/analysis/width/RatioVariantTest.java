package dev.cape.analysis.width;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cape.analysis.width.RatioVariant.Ratios;
import org.junit.jupiter.api.Test;

class RatioVariantTest {

    private static final double[] R = {0.31, 0.38, 0.47, 0.55, 0.66};
    private static final double[] T = {0.44, 0.41, 0.39, 0.40, 0.36};
    private static final double[] D = {2048, 2560, 4096, 5120, 8192};

    @Test
    void rejectsNaNEmptyMismatchedAndSmallWidths() {
        assertEquals("score[2] must be finite: NaN", assertThrows(IllegalArgumentException.class,
                () -> RatioVariant.ratio(new double[] {0.1, 0.2, Double.NaN}, new double[] {8, 16, 32})).getMessage());
        assertEquals("score must not be empty: []", assertThrows(IllegalArgumentException.class,
                () -> RatioVariant.ratio(new double[0], new double[0])).getMessage());
        assertEquals("score and hiddenWidth must have the same length: 2 vs 3", assertThrows(
                IllegalArgumentException.class, () -> RatioVariant.ratio(new double[] {0.1, 0.2},
                        new double[] {8, 16, 32})).getMessage());
        assertEquals("hiddenWidth[1] must be > 1 (log2 d > 0): 1.0", assertThrows(IllegalArgumentException.class,
                () -> RatioVariant.ratio(new double[] {0.1, 0.2}, new double[] {8, 1})).getMessage());
        assertEquals("reasoning and truthfulness must have the same length: 5 vs 2", assertThrows(
                IllegalArgumentException.class, () -> RatioVariant.of(R, new double[] {0.1, 0.2}, D)).getMessage());
    }

    @Test
    void dividesByLog2WidthAsNumpy() {
        // R / np.log2(d), T / np.log2(d)
        Ratios ratios = RatioVariant.of(R, T, D);
        assertArrayEquals(new double[] {0.028181818181818183, 0.03356318789655593, 0.03916666666666666,
                0.044635871575018124, 0.050769230769230775}, ratios.reasoning(), 1e-15);
        assertArrayEquals(new double[] {0.04, 0.036212913256810336, 0.0325, 0.03246245205455864,
                0.02769230769230769}, ratios.truthfulness(), 1e-15);
    }

    @Test
    void powersOfTwoGiveExactLog2() {
        // 0.5 / log2(4096) = 0.5 / 12 exactly as in double division
        assertEquals(0.5 / 12, RatioVariant.ratio(new double[] {0.5}, new double[] {4096})[0], 0.0);
        assertEquals(12.0, PartialCorrelation.log2(4096), 0.0);
    }

    @Test
    void familyOverloadMatchesArrays() {
        PartialCorrelation.Family f = new PartialCorrelation.Family("A", R, T, D);
        Ratios fromFamily = RatioVariant.of(f);
        assertArrayEquals(RatioVariant.ratio(R, D), fromFamily.reasoning(), 0.0);
        assertArrayEquals(RatioVariant.ratio(T, D), fromFamily.truthfulness(), 0.0);
    }
}
