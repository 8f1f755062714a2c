package dev.cape.analysis.resampling;

import static dev.cape.analysis.resampling.FamilyCriticalScale.above;
import static dev.cape.analysis.resampling.FamilyCriticalScale.below;
import static dev.cape.analysis.resampling.FamilyCriticalScale.exact;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.analysis.resampling.MeanCriticalScale.Bca;
import dev.cape.analysis.resampling.MeanCriticalScale.Headline;
import dev.cape.analysis.resampling.MeanCriticalScale.Resampling;
import dev.cape.analysis.resampling.MeanCriticalScale.Result;
import dev.cape.analysis.resampling.MeanCriticalScale.Status;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MeanCriticalScaleTest {

    private static final MeanCriticalScale SEEDED = MeanCriticalScale.withDefaults().withStreams(RandomStreams.of(42));

    /** n = 8: 8^8 > 200,000, so the bootstrap is sampled. */
    private static final double[] EIGHT = {0.21, 0.35, 0.48, 0.52, 0.69, 0.83, 1.12, 1.47};

    private static List<FamilyCriticalScale> exacts(double... x) {
        List<FamilyCriticalScale> list = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            list.add(exact("f" + i, x[i]));
        }
        return list;
    }

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    // ---- invalid input ----

    @Test
    void refusesToRunWithoutRandomStreams() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> MeanCriticalScale.withDefaults().fit(exacts(0.1, 0.2)));
        assertTrue(e.getMessage().contains("withStreams"), e.getMessage());
    }

    @Test
    void rejectsNullInputAndReportsEmptyInputAsNoUncensoredFamily() {
        MeanCriticalScale.Result empty = SEEDED.fit(List.of());
        assertEquals(MeanCriticalScale.Status.NO_UNCENSORED_FAMILY, empty.status());
        assertTrue(empty.geometricMean().isEmpty());
        assertEquals(CensoredNormalFit.Status.NO_UNCENSORED_FAMILY, empty.censoredFit().status());
        List<FamilyCriticalScale> withNull = new ArrayList<>(exacts(0.1, 0.2));
        withNull.add(null);
        IllegalArgumentException n = assertThrows(IllegalArgumentException.class, () -> SEEDED.fit(withNull));
        assertEquals("families must not contain null: element 2", n.getMessage());
    }

    @Test
    void rejectsNonPositiveBootstrapSamples() {
        IllegalArgumentException zero = assertThrows(IllegalArgumentException.class,
                () -> SEEDED.withBootstrapSamples(0));
        assertEquals("bootstrapSamples must be >= 1: 0", zero.getMessage());
        IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                () -> SEEDED.withBootstrapSamples(-5));
        assertEquals("bootstrapSamples must be >= 1: -5", negative.getMessage());
    }

    @Test
    void rejectsBadConfidenceThreadsAndResampling() {
        assertEquals("confidenceLevel must be in (0, 1): 0.0", assertThrows(IllegalArgumentException.class,
                () -> SEEDED.withConfidenceLevel(0)).getMessage());
        assertEquals("confidenceLevel must be in (0, 1): NaN", assertThrows(IllegalArgumentException.class,
                () -> SEEDED.withConfidenceLevel(Double.NaN)).getMessage());
        assertEquals("threads must be >= 1: 0", assertThrows(IllegalArgumentException.class,
                () -> SEEDED.withThreads(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> SEEDED.with(Resampling.NONE));
    }

    @Test
    void rejectsNaNAndInfiniteValues() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> exact("Llama", Double.NaN));
        assertEquals("log10Value must be finite: NaN (family Llama)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> below("Qwen", Double.POSITIVE_INFINITY));
    }

    @Test
    void refusesExactEnumerationBeyondItsLimit() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SEEDED.with(Resampling.EXACT).fit(exacts(0, 1, 2, 3, 4, 5, 6, 7, 8, 9)));
        assertTrue(e.getMessage().contains("n = 10"), e.getMessage());
    }

    @Test
    void statisticNeedsAnUncensoredFamily() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> MeanCriticalScale.statistic(List.of(above("a", 1.0))));
        assertTrue(e.getMessage().contains("all censored"), e.getMessage());
    }

    // ---- degenerate inputs: a status, never NaN ----

    @Test
    void noUncensoredFamilyGivesNoEstimate() {
        Result r = SEEDED.fit(List.of(below("a", 0.1), above("b", 1.3), above("c", 1.5)));
        assertEquals(Status.NO_UNCENSORED_FAMILY, r.status());
        assertTrue(r.log10Mean().isEmpty());
        assertTrue(r.geometricMean().isEmpty());
        assertTrue(r.percentile().isEmpty());
        assertTrue(r.bca().isEmpty());
        assertTrue(r.headlineEstimate().isEmpty());
        assertEquals(Resampling.NONE, r.resampling());
        assertEquals(1, r.leftCensored());
        assertEquals(2, r.rightCensored());
        assertEquals(CensoredNormalFit.Status.NO_UNCENSORED_FAMILY, r.censoredFit().status());
    }

    @Test
    void singleUncensoredFamilyGivesEstimateWithoutInterval() {
        Result r = SEEDED.fit(List.of(exact("a", 0.5), above("b", 1.3)));
        assertEquals(Status.SINGLE_UNCENSORED_FAMILY, r.status());
        assertEquals(Math.pow(10, 0.5), r.geometricMean().getAsDouble(), 1e-12);
        assertTrue(r.percentile().isEmpty());
        assertTrue(r.bca().isEmpty());
        assertEquals(0, r.resamples());
    }

    @Test
    void zeroVarianceGivesPointPercentileIntervalAndNoBca() {
        Result r = SEEDED.fit(exacts(0.75, 0.75, 0.75));
        assertEquals(Status.ZERO_VARIANCE, r.status());
        assertEquals(new Log10Interval(0.75, 0.75), r.percentile().orElseThrow());
        assertTrue(r.bca().isEmpty());
        assertTrue(r.message().contains("BCa is undefined"), r.message());
    }

    // ---- exact enumeration: the ideal bootstrap, to 1e-9 ----

    @Test
    void exactEnumerationOfFourValuesMatchesNumpy() {
        // x = np.array([0.125, 0.5, 0.875, 1.75]); m = np.array([np.mean(r) for r in itertools.product(x, repeat=4)])
        // share = ((m < x.mean()).sum() + (m <= x.mean()).sum()) / (2 * 256) = 0.5234375 ; z0 = norm.ppf(share)
        // jack = [np.delete(x, i).mean() for i in range(4)]; d = mean(jack) - jack; a = (d**3).sum() / (6 * (d**2).sum()**1.5)
        // p1, p2 = norm.cdf(z0 + (z0 + za) / (1 - a * (z0 + za))), za = -+norm.ppf(0.025)
        // percentile: np.percentile(m, [2.5, 97.5]) = [0.3125, 1.4375]; BCa: np.percentile(m, 100 * [p1, p2])
        Result r = SEEDED.fit(exacts(0.125, 0.5, 0.875, 1.75));
        assertEquals(Status.OK, r.status(), r.message());
        assertEquals(Resampling.EXACT, r.resampling());
        assertEquals(256, r.resamples());
        assertEquals(0.8125, r.log10Mean().getAsDouble(), 1e-15);
        assertEquals(0.3125, r.percentile().orElseThrow().lowerLog10(), 1e-9);
        assertEquals(1.4375, r.percentile().orElseThrow().upperLog10(), 1e-9);
        Bca bca = r.bca().orElseThrow();
        assertEquals(0.05878293606894307, bca.biasCorrection(), 1e-12);
        assertEquals(0.04460007289163114, bca.acceleration(), 1e-12);
        assertEquals(0.3125, bca.interval().lowerLog10(), 1e-9);
        assertEquals(1.53125, bca.interval().upperLog10(), 1e-9);
    }

    @Test
    void exactEnumerationAtNinetyPercentMatchesNumpy() {
        // same script with confidence 0.9: np.percentile(m, [5, 95]) = [0.3125, 1.3203125]; BCa [0.40625, 1.4375]
        Result r = SEEDED.withConfidenceLevel(0.9).fit(exacts(0.125, 0.5, 0.875, 1.75));
        assertEquals(0.3125, r.percentile().orElseThrow().lowerLog10(), 1e-9);
        assertEquals(1.3203125, r.percentile().orElseThrow().upperLog10(), 1e-9);
        assertEquals(0.40625, r.bca().orElseThrow().interval().lowerLog10(), 1e-9);
        assertEquals(1.4375, r.bca().orElseThrow().interval().upperLog10(), 1e-9);
        assertEquals(0.9, r.confidenceLevel());
    }

    @Test
    void exactEnumerationInterpolatesBetweenOrderStatistics() {
        // x = [0.25, 0.5, 1.5], 27 resamples; same script: share = 0.5185185185185185,
        // z0 = 0.046435724770526994, a = 0.05727026612409094;
        // percentile [0.3041666666666667, 1.2833333333333328], BCa [0.3333333333333333, 1.4102771424050122]
        Result r = SEEDED.fit(exacts(0.25, 0.5, 1.5));
        assertEquals(27, r.resamples());
        assertEquals(0.3041666666666667, r.percentile().orElseThrow().lowerLog10(), 1e-9);
        assertEquals(1.2833333333333328, r.percentile().orElseThrow().upperLog10(), 1e-9);
        Bca bca = r.bca().orElseThrow();
        assertEquals(0.046435724770526994, bca.biasCorrection(), 1e-12);
        assertEquals(0.05727026612409094, bca.acceleration(), 1e-12);
        assertEquals(0.3333333333333333, bca.interval().lowerLog10(), 1e-9);
        assertEquals(1.4102771424050122, bca.interval().upperLog10(), 1e-9);
    }

    @Test
    void tiesAtTheEstimateCountHalf() {
        // x = [0, 0.5, 1]: 7 of 27 resample means equal 0.5 and the distribution is symmetric, so the share below is
        // (10 + 17) / 54 = 1/2 exactly, z0 = 0, a = 0, and BCa equals the percentile interval:
        // np.percentile(m, [2.5, 97.5]) = [0.10833333333333334, 0.8916666666666664]
        Result r = SEEDED.fit(exacts(0.0, 0.5, 1.0));
        Bca bca = r.bca().orElseThrow();
        assertEquals(0.0, bca.biasCorrection(), 0.0);
        assertEquals(0.0, bca.acceleration(), 0.0);
        assertEquals(0.10833333333333334, bca.interval().lowerLog10(), 1e-9);
        assertEquals(0.8916666666666664, bca.interval().upperLog10(), 1e-9);
        assertEquals(0.10833333333333334, r.percentile().orElseThrow().lowerLog10(), 1e-9);
    }

    @Test
    void fiveValuesAreEnumeratedUnderTheDefaultB() {
        // 5^5 = 3125 <= 10,000. Same script, x = [0.125, 0.25, 0.625, 1.0, 2.0]:
        // percentile [0.275, 1.45], BCa [0.35, 1.6], z0 = 0.06863519921209625, a = 0.06129243579060655
        Result r = SEEDED.fit(exacts(0.125, 0.25, 0.625, 1.0, 2.0));
        assertEquals(Resampling.EXACT, r.resampling());
        assertEquals(3125, r.resamples());
        assertEquals(0.275, r.percentile().orElseThrow().lowerLog10(), 1e-9);
        assertEquals(1.45, r.percentile().orElseThrow().upperLog10(), 1e-9);
        assertEquals(0.06863519921209625, r.bca().orElseThrow().biasCorrection(), 1e-12);
        assertEquals(0.35, r.bca().orElseThrow().interval().lowerLog10(), 1e-9);
        assertEquals(1.6, r.bca().orElseThrow().interval().upperLog10(), 1e-9);
    }

    @Test
    void smallBFallsBackToMonteCarloAndExactCanBeForced() {
        List<FamilyCriticalScale> five = exacts(0.125, 0.25, 0.625, 1.0, 2.0);
        Result sampled = SEEDED.withBootstrapSamples(1000).fit(five);
        assertEquals(Resampling.MONTE_CARLO, sampled.resampling());
        assertEquals(1000, sampled.resamples());
        Result forced = SEEDED.withBootstrapSamples(1000).with(Resampling.EXACT).fit(five);
        assertEquals(Resampling.EXACT, forced.resampling());
        assertEquals(1.6, forced.bca().orElseThrow().interval().upperLog10(), 1e-9);
    }

    // ---- Monte Carlo against SciPy ----

    @Test
    void monteCarloIntervalsAgreeWithScipyBootstrap() {
        // scipy.stats.bootstrap((x,), np.mean, confidence_level=0.95, n_resamples=200_000, method=m,
        //   random_state=12345), x = [0.21, 0.35, 0.48, 0.52, 0.69, 0.83, 1.12, 1.47]:
        //   percentile [0.455, 0.99375], BCa [0.4775, 1.0325].
        // Tolerance: over 20 SciPy seeds the endpoint's standard deviation is at most 0.0015 decades (BCa upper;
        // percentile <= 0.0008), so two independent runs differ with sd <= 0.0021; 0.01 decades is ~4.7 sd.
        Result r = SEEDED.withBootstrapSamples(200_000).fit(exacts(EIGHT));
        assertEquals(Resampling.MONTE_CARLO, r.resampling());
        assertEquals(0.455, r.percentile().orElseThrow().lowerLog10(), 0.01);
        assertEquals(0.99375, r.percentile().orElseThrow().upperLog10(), 0.01);
        assertEquals(0.4775, r.bca().orElseThrow().interval().lowerLog10(), 0.01);
        assertEquals(1.0325, r.bca().orElseThrow().interval().upperLog10(), 0.01);
        // the acceleration does not depend on the resamples: jackknife of the mean, as in the exact tests
        double[] x = EIGHT;
        double total = 0;
        for (double v : x) {
            total += v;
        }
        double[] d = new double[x.length];
        double jm = 0;
        for (int i = 0; i < x.length; i++) {
            d[i] = (total - x[i]) / 7;
            jm += d[i] / 8;
        }
        double num = 0;
        double den = 0;
        for (double j : d) {
            num += Math.pow(jm - j, 3);
            den += Math.pow(jm - j, 2);
        }
        assertEquals(num / (6 * Math.pow(den, 1.5)), r.bca().orElseThrow().acceleration(), 1e-12);
    }

    // ---- determinism and threads ----

    @Test
    void sameSeedGivesIdenticalResult() {
        MeanCriticalScale m = MeanCriticalScale.withDefaults().withStreams(RandomStreams.of(7)).withBootstrapSamples(5000);
        assertEquals(m.fit(exacts(EIGHT)), m.fit(exacts(EIGHT)));
    }

    @Test
    void differentSeedsGiveDifferentMonteCarloIntervals() {
        MeanCriticalScale m = MeanCriticalScale.withDefaults().withBootstrapSamples(5000);
        Result a = m.withStreams(RandomStreams.of(1)).fit(exacts(EIGHT));
        Result b = m.withStreams(RandomStreams.of(2)).fit(exacts(EIGHT));
        assertNotEquals(a.bca(), b.bca());
        assertEquals(1, a.seed());
        assertEquals(2, b.seed());
    }

    @Test
    void resultDoesNotDependOnThreadCount() {
        MeanCriticalScale m = MeanCriticalScale.withDefaults().withStreams(RandomStreams.of(99))
                .withBootstrapSamples(20_011);
        Result one = m.withThreads(1).fit(exacts(EIGHT));
        assertEquals(one, m.withThreads(2).fit(exacts(EIGHT)));
        assertEquals(one, m.withThreads(5).fit(exacts(EIGHT)));
    }

    @Test
    void exactEnumerationIgnoresTheSeed() {
        List<FamilyCriticalScale> four = exacts(0.125, 0.5, 0.875, 1.75);
        Result a = MeanCriticalScale.withDefaults().withStreams(RandomStreams.of(1)).fit(four);
        Result b = MeanCriticalScale.withDefaults().withStreams(RandomStreams.of(2)).fit(four);
        assertEquals(a.bca(), b.bca());
        assertEquals(a.percentile(), b.percentile());
    }

    // ---- progress and interruption ----

    @Test
    void reportsProgressPerChunkUpToB() {
        AtomicInteger calls = new AtomicInteger();
        AtomicLong last = new AtomicLong();
        SEEDED.withThreads(1).withBootstrapSamples(6400).withProgress((task, done, total) -> {
            calls.incrementAndGet();
            assertEquals(6400, total);
            assertTrue(done > last.get());
            last.set(done);
        }).fit(exacts(EIGHT));
        assertEquals(MeanCriticalScale.CHUNKS, calls.get());
        assertEquals(6400, last.get());
    }

    @Test
    void stopsWhenInterruptedBeforeStart() {
        for (int threads : new int[] {1, 2}) {
            Thread.currentThread().interrupt();
            assertThrows(CancellationException.class,
                    () -> SEEDED.withThreads(threads).with(Resampling.MONTE_CARLO).fit(exacts(EIGHT)));
            assertTrue(Thread.interrupted(), "interrupt flag must stay set");
        }
    }

    @Test
    void stopsWhenInterruptedWhileRunning() {
        for (int threads : new int[] {1, 2}) {
            Thread caller = Thread.currentThread();
            AtomicInteger chunks = new AtomicInteger();
            MeanCriticalScale m = SEEDED.withThreads(threads).withBootstrapSamples(640_000)
                    .withProgress((task, done, total) -> {
                        chunks.incrementAndGet();
                        caller.interrupt();
                    });
            assertThrows(CancellationException.class, () -> m.fit(exacts(EIGHT)));
            assertTrue(Thread.interrupted(), "interrupt flag must stay set");
            assertTrue(chunks.get() < MeanCriticalScale.CHUNKS, chunks.get() + " chunks ran");
        }
    }

    // ---- censoring and headline ----

    @Test
    void censoredFamiliesAreLeftOutOfTheGeometricMeanButFitBeside() {
        List<FamilyCriticalScale> list = List.of(exact("a", 0.3), exact("b", 0.55), exact("c", 0.62),
                exact("d", 0.9), exact("e", 1.1), below("f", 0.2), above("g", 1.3), above("h", 1.45));
        Result r = SEEDED.fit(list);
        assertEquals(8, r.families());
        assertEquals(5, r.uncensored());
        assertEquals(3, r.censored());
        // mean of the five uncensored values (np.mean([0.3, 0.55, 0.62, 0.9, 1.1]) = 0.6940000000000001)
        assertEquals(0.6940000000000001, r.log10Mean().getAsDouble(), 1e-12);
        assertEquals(MeanCriticalScale.statistic(list), r.log10Mean().getAsDouble(), 0.0);
        assertEquals(Headline.UNCENSORED_GEOMETRIC_MEAN, r.headline());
        assertEquals(r.geometricMean(), r.headlineEstimate());
        assertEquals(r.bca().orElseThrow().interval(), r.headlineInterval().orElseThrow());
        // censored fit: mu = 0.8518648062095879 (see CensoredNormalFitTest)
        assertEquals(0.8518648062095879, r.censoredFit().estimate().orElseThrow().mu(), 1e-6);
        assertEquals(10_000, r.bootstrapSamples());
        assertEquals(42, r.seed());

        Result fitHeadline = SEEDED.with(Headline.CENSORED_NORMAL_FIT).fit(list);
        assertEquals(Headline.CENSORED_NORMAL_FIT, fitHeadline.headline());
        assertEquals(Math.pow(10, 0.8518648062095879), fitHeadline.headlineEstimate().getAsDouble(), 1e-5);
        assertEquals(fitHeadline.censoredFit().estimate().orElseThrow().profile().orElseThrow(),
                fitHeadline.headlineInterval().orElseThrow());
        assertFalse(fitHeadline.headlineInterval().isEmpty());
    }
}
