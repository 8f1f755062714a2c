package dev.cape.analysis.resampling;

import java.util.concurrent.CancellationException;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.analysis.coupling.CriticalScale;
import dev.cape.analysis.coupling.FamilyScores;
import dev.cape.analysis.coupling.KernelCoupling;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class FamilyBootstrapTest {

    static final FamilyScores FAMILY = family(new double[] {0.07, 0.16, 0.41, 1.0, 1.4, 2.8, 6.9, 12.0},
            new double[] {0.25, 0.27, 0.30, 0.33, 0.35, 0.38, 0.45, 0.50},
            new double[] {0.45, 0.44, 0.41, 0.40, 0.39, 0.36, 0.37, 0.41});

    static FamilyScores family(double[] n, double[] r, double[] t) {
        double[] w = new double[n.length];
        Arrays.fill(w, Double.NaN);
        return new FamilyScores("F", java.util.stream.IntStream.range(0, n.length).mapToObj(i -> "m" + i).toList(),
                n, r, t, w);
    }

    @Test
    void rejectsNonPositiveResamples() {
        assertThrows(IllegalArgumentException.class, () -> FamilyBootstrap.withDefaults().withResamples(0));
    }

    @Test
    void cachedEvaluatorEqualsDirectFitOnAnyResample() {
        KernelCoupling k = KernelCoupling.withDefaults();
        FamilyBootstrap.Evaluator eval = new FamilyBootstrap.Evaluator(FAMILY, k);
        int[][] resamples = {{0, 1, 2, 3, 4, 5, 6, 7}, {0, 0, 2, 3, 3, 5, 7, 7}, {1, 1, 1, 4, 4, 6, 6, 6}};
        for (int[] idx : resamples) {
            int[] counts = new int[FAMILY.size()];
            for (int i : idx) {
                counts[i]++;
            }
            CriticalScale fast = eval.criticalScale(counts);
            CriticalScale direct = CriticalScale.of(k.fit(FAMILY.select(idx)));
            assertEquals(direct.status(), fast.status());
            assertEquals(direct.log10Value(), fast.log10Value(), 1e-9);
        }
    }

    @Test
    void resamplesWithFewerThanThreeSizesAreDropped() {
        FamilyBootstrap.Evaluator eval = new FamilyBootstrap.Evaluator(FAMILY, KernelCoupling.withDefaults());
        assertNull(eval.criticalScale(new int[] {4, 4, 0, 0, 0, 0, 0, 0}));
    }

    @Test
    void familyWithTwoSizesHasNoBootstrap() {
        FamilyScores two = family(new double[] {1, 1, 7}, new double[] {0.1, 0.2, 0.3}, new double[] {0.3, 0.2, 0.1});
        FamilyBootstrap.Result res = FamilyBootstrap.withDefaults()
                .bootstrap(two, KernelCoupling.withDefaults(), RandomStreams.of(1).stream(0), 1);
        assertEquals(0, res.drawn());
        assertNull(res.ciLog10());
        assertTrue(Double.isNaN(res.censoredShare()));
    }

    @Test
    void intervalBracketsMostCrossingsAndIsDeterministic() {
        FamilyBootstrap b = FamilyBootstrap.withDefaults();
        KernelCoupling k = KernelCoupling.withDefaults();
        FamilyBootstrap.Result r1 = b.bootstrap(FAMILY, k, RandomStreams.of(5).stream(0), 5);
        FamilyBootstrap.Result r2 = b.bootstrap(FAMILY, k, RandomStreams.of(5).stream(0), 5);
        assertArrayEquals(r1.ciLog10(), r2.ciLog10(), 0);
        assertEquals(r1.kept(), r2.kept());
        assertNotNull(r1.ciLog10());
        assertTrue(r1.ciLog10()[0] <= r1.ciLog10()[1]);
        assertTrue(r1.crossing() + r1.leftCensored() + r1.rightCensored() <= r1.kept());
        assertTrue(r1.kept() <= r1.drawn());
        assertTrue(r1.censoredShare() >= 0 && r1.censoredShare() <= 1);
        // the point estimate lies inside the observed range and the interval stays inside it too
        double nc = CriticalScale.of(k.fit(FAMILY)).log10Value();
        assertTrue(r1.ciLog10()[0] >= Math.log10(0.07) && r1.ciLog10()[1] <= Math.log10(12.0));
        assertTrue(nc >= r1.ciLog10()[0] - 0.5 && nc <= r1.ciLog10()[1] + 0.5);
    }

    @Test
    void stopsWhenInterrupted() {
        Thread.currentThread().interrupt();
        try {
            assertThrows(CancellationException.class, () -> FamilyBootstrap.withDefaults()
                    .bootstrap(FAMILY, KernelCoupling.withDefaults(), RandomStreams.of(1).stream(0), 1));
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void randomStreamsAreReproducibleAndDistinct() {
        assertEquals(RandomStreams.of(9).stream(3).nextLong(), RandomStreams.of(9).stream(3).nextLong());
        assertTrue(RandomStreams.of(9).stream(3).nextLong() != RandomStreams.of(9).stream(4).nextLong());
        assertTrue(RandomStreams.of(9).child(1).stream(0).nextLong() != RandomStreams.of(9).stream(0).nextLong());
        assertThrows(IllegalArgumentException.class, () -> RandomStreams.of(1).stream(-1));
    }

    @Test
    void intervalIsThePercentileOfDirectFitsOnTheSameDraws() {
        // the same random draws, evaluated through KernelCoupling.fit + CriticalScale.of instead of the cached path
        KernelCoupling k = KernelCoupling.withDefaults();
        FamilyBootstrap.Result res = FamilyBootstrap.withDefaults().withResamples(300)
                .bootstrap(FAMILY, k, RandomStreams.of(11).stream(0), 11);
        org.apache.commons.rng.UniformRandomProvider rng = RandomStreams.of(11).stream(0);
        java.util.List<Double> crossings = new java.util.ArrayList<>();
        int kept = 0;
        int n = FAMILY.size();
        for (int b = 0; b < 300; b++) {
            int[] idx = new int[n];
            int[] counts = new int[n];
            for (int i = 0; i < n; i++) {
                counts[rng.nextInt(n)]++;
            }
            int m = 0;
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < counts[i]; c++) {
                    idx[m++] = i;
                }
            }
            FamilyScores resample = FAMILY.select(idx);
            if (resample.distinctSizes() < 3) {
                continue;
            }
            kept++;
            CriticalScale nc = CriticalScale.of(k.fit(resample));
            if (nc.status() == CriticalScale.Status.CROSSING) {
                crossings.add(nc.log10Value());
            }
        }
        double[] v = crossings.stream().mapToDouble(Double::doubleValue).toArray();
        assertEquals(kept, res.kept());
        assertEquals(v.length, res.crossing());
        assertEquals(Percentile.quantile(v, 0.025), res.ciLog10()[0], 1e-9);
        assertEquals(Percentile.quantile(v, 0.975), res.ciLog10()[1], 1e-9);
    }
}
