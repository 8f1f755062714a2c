package dev.cape.analysis.resampling;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.analysis.coupling.CouplingCurve;
import dev.cape.analysis.coupling.FamilyScores;
import dev.cape.analysis.coupling.KernelCoupling;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/** The pointwise bootstrap band of the coupling curve that {@link FamilyBootstrap} computes with N_c's interval. */
class CouplingBandTest {

    static final KernelCoupling COUPLING = KernelCoupling.withDefaults();

    @Test
    void rejectsArraysOfDifferentLengthsAndLevelsOutsideZeroOne() {
        double[] two = {0, 1};
        assertThrows(IllegalArgumentException.class,
                () -> new CouplingBand(two, new double[3], two, new int[2], 10, 10, 0.95, 1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new CouplingBand(two, two, two, new int[2], 10, 10, 1.0, 1));
        assertTrue(e.getMessage().contains("level") && e.getMessage().contains("1.0"), e.getMessage());
    }

    @Test
    void familyWithTwoSizesHasNoBand() {
        FamilyScores two = FamilyBootstrapTest.family(new double[] {1, 1, 7}, new double[] {0.1, 0.2, 0.3},
                new double[] {0.3, 0.2, 0.1});
        assertNull(FamilyBootstrap.withDefaults().bootstrap(two, COUPLING, RandomStreams.of(1).stream(0), 1).band());
    }

    @Test
    void bandIsOnTheGridOfTheOriginalCurveAndCarriesItsProvenance() {
        FamilyBootstrap.Result r = FamilyBootstrap.withDefaults().withResamples(300)
                .bootstrap(FamilyBootstrapTest.FAMILY, COUPLING, RandomStreams.of(3).stream(0), 3);
        CouplingBand band = r.band();
        assertNotNull(band);
        assertArrayEquals(COUPLING.fit(FamilyBootstrapTest.FAMILY).gridX(), band.gridX(), 0);
        assertEquals(300, band.drawn());
        assertEquals(r.kept(), band.kept());
        assertEquals(0.95, band.level());
        assertEquals(3, band.seed());
        for (int k = 0; k < band.size(); k++) {
            assertTrue(band.contributing()[k] <= band.kept());
            assertTrue(!band.defined(k) || band.lower(k) <= band.upper(k), "k = " + k);
        }
    }

    @Test
    void sameSeedSameBandOtherSeedOtherBand() {
        FamilyBootstrap b = FamilyBootstrap.withDefaults().withResamples(400);
        CouplingBand one = b.bootstrap(FamilyBootstrapTest.FAMILY, COUPLING, RandomStreams.of(7).stream(0), 7).band();
        CouplingBand two = b.bootstrap(FamilyBootstrapTest.FAMILY, COUPLING, RandomStreams.of(7).stream(0), 7).band();
        CouplingBand other = b.bootstrap(FamilyBootstrapTest.FAMILY, COUPLING, RandomStreams.of(8).stream(0), 8).band();
        assertEquals(one, two);
        assertArrayEquals(one.lower(), two.lower(), 0);
        assertArrayEquals(one.upper(), two.upper(), 0);
        assertNotEquals(one, other);
    }

    @Test
    void bandContainsThePointEstimateOfAWellBehavedFamily() {
        // twelve models over three decades, T rising with R plus a small fixed wiggle: c is clearly positive
        FamilyScores f = noisyFamily(0.01);
        CouplingCurve curve = COUPLING.fit(f);
        CouplingBand band = FamilyBootstrap.withDefaults().withResamples(1000)
                .bootstrap(f, COUPLING, RandomStreams.of(5).stream(0), 5).band();
        int checked = 0;
        for (int k = 0; k < band.size(); k++) {
            if (band.defined(k) && !Double.isNaN(curve.gridC()[k])) {
                checked++;
                assertTrue(band.lower(k) <= curve.gridC()[k] && curve.gridC()[k] <= band.upper(k),
                        "x = " + band.x(k) + ": c = " + curve.gridC()[k] + " outside [" + band.lower(k) + ", "
                                + band.upper(k) + "]");
            }
        }
        assertEquals(band.size(), checked, "the band is defined on the whole grid");
    }

    @Test
    void bandNarrowsWithLessNoise() {
        FamilyBootstrap b = FamilyBootstrap.withDefaults().withResamples(600);
        double noisy = meanWidth(b.bootstrap(noisyFamily(0.03), COUPLING, RandomStreams.of(2).stream(0), 2).band());
        double quiet = meanWidth(b.bootstrap(noisyFamily(0.003), COUPLING, RandomStreams.of(2).stream(0), 2).band());
        assertTrue(quiet < noisy / 2, "mean width with less noise " + quiet + ", with more noise " + noisy);
    }

    @Test
    void bandEqualsPercentilesOfDirectCurvesOnTheSameDrawsForAFourModelFamily() {
        // brute force: replay the draws, expand each resample into repeated models, evaluate c with
        // KernelCoupling.statistic at every grid point, and take numpy's linear quantile written out here
        FamilyScores f = FamilyBootstrapTest.family(new double[] {0.5, 1, 3, 8}, new double[] {0.30, 0.34, 0.45, 0.52},
                new double[] {0.44, 0.40, 0.38, 0.45});
        int b = 500;
        CouplingBand band = FamilyBootstrap.withDefaults().withResamples(b)
                .bootstrap(f, COUPLING, RandomStreams.of(13).stream(0), 13).band();
        double[] grid = COUPLING.fit(f).gridX();
        List<List<Double>> values = new ArrayList<>();
        for (int k = 0; k < grid.length; k++) {
            values.add(new ArrayList<>());
        }
        UniformRandomProvider rng = RandomStreams.of(13).stream(0);
        int n = f.size();
        int kept = 0;
        for (int draw = 0; draw < b; draw++) {
            int[] counts = new int[n];
            for (int i = 0; i < n; i++) {
                counts[rng.nextInt(n)]++;
            }
            int[] idx = new int[n];
            int m = 0;
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < counts[i]; c++) {
                    idx[m++] = i;
                }
            }
            FamilyScores resample = f.select(idx);
            if (resample.distinctSizes() < 3) {
                continue;
            }
            kept++;
            for (int k = 0; k < grid.length; k++) {
                double c = COUPLING.statistic(resample.log10Params(), resample.reasoning(), resample.truth(), grid[k]);
                if (!Double.isNaN(c)) {
                    values.get(k).add(c);
                }
            }
        }
        assertEquals(kept, band.kept());
        assertTrue(kept > 100, "kept " + kept);
        for (int k = 0; k < grid.length; k++) {
            double[] v = values.get(k).stream().mapToDouble(Double::doubleValue).sorted().toArray();
            assertEquals(v.length, band.contributing()[k], "k = " + k);
            // summation order differs (counts × weight vs repeated rows): agreement to 1e-9 is far below display
            assertEquals(linearQuantile(v, 0.025), band.lower(k), 1e-9, "k = " + k);
            assertEquals(linearQuantile(v, 0.975), band.upper(k), 1e-9, "k = " + k);
        }
    }

    /** numpy.quantile(v, p) with the default method="linear", for sorted v. */
    private static double linearQuantile(double[] sorted, double p) {
        double h = (sorted.length - 1) * p;
        int lo = (int) h;
        return lo + 1 < sorted.length ? sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]) : sorted[lo];
    }

    private static double meanWidth(CouplingBand band) {
        double sum = 0;
        int n = 0;
        for (int k = 0; k < band.size(); k++) {
            if (band.defined(k)) {
                sum += band.upper(k) - band.lower(k);
                n++;
            }
        }
        assertTrue(n > 0);
        return sum / n;
    }

    /** Twelve sizes from 0.1B to 100B; T = 0.2 + 0.5 R + noise × a fixed ±1 pattern. */
    static FamilyScores noisyFamily(double noise) {
        int n = 12;
        double[] size = new double[n];
        double[] r = new double[n];
        double[] t = new double[n];
        double[] pattern = {1, -1, -1, 1, -1, 1, 1, -1, 1, -1, -1, 1};
        for (int i = 0; i < n; i++) {
            size[i] = Math.pow(10, -1 + 3.0 * i / (n - 1));
            r[i] = 0.25 + 0.03 * i + 0.01 * Math.sin(3.0 * i);
            t[i] = 0.2 + 0.5 * r[i] + noise * pattern[i];
        }
        return FamilyBootstrapTest.family(size, r, t);
    }

    @Test
    void resultArraysAreCopies() {
        CouplingBand band = FamilyBootstrap.withDefaults().withResamples(100)
                .bootstrap(FamilyBootstrapTest.FAMILY, COUPLING, RandomStreams.of(1).stream(0), 1).band();
        double[] lower = band.lower();
        Arrays.fill(lower, 42);
        assertNotEquals(42, band.lower(0));
    }
}
