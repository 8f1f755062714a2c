package dev.cape.analysis.frontier;

import dev.cape.analysis.resampling.RandomStreams;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class FrontierCorrelationTest {

    private static final double[] X7 = {0.31, 0.45, 0.52, 0.38, 0.71, 0.66, 0.59};
    private static final double[] Y7 = {0.12, 0.20, 0.18, 0.25, 0.41, 0.30, 0.33};

    private static List<FrontierModel> models(double[] x, double[] y) {
        List<FrontierModel> out = new ArrayList<>();
        for (int i = 0; i < x.length; i++) {
            out.add(new FrontierModel("m" + i, i % 2 == 0 ? "A" : "B", x[i], y[i], ""));
        }
        return out;
    }

    private static FrontierCorrelation seeded(long seed) {
        return FrontierCorrelation.withDefaults().withRandom(RandomStreams.of(seed)).withBootstrap(2000);
    }

    @Test
    void refusesToRunWithoutARandomSource() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> FrontierCorrelation.withDefaults().test(models(X7, Y7)));
        assertTrue(e.getMessage().contains("withRandom"), e.getMessage());
    }

    @Test
    void invalidOptionsAndDataAreRefusedWithTheValue() {
        assertEquals("permutations must be >= 1: 0", assertThrows(IllegalArgumentException.class,
                () -> FrontierCorrelation.withDefaults().withPermutations(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> FrontierCorrelation.withDefaults().withConfidence(1));
        assertThrows(IllegalArgumentException.class, () -> seeded(1).test(models(new double[] {0.1, 0.2},
                new double[] {0.3, 0.4})));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> seeded(1).test(models(new double[] {0.1, 0.2, 0.3}, new double[] {0.5, 0.5, 0.5})));
        assertEquals("truth scores are constant (0.5) across the 3 models: correlation undefined", e.getMessage());
    }

    @Test
    void coefficientsAndExactPermutationPMatchScipy() {
        FrontierCorrelation.Result r = seeded(7).test(models(X7, Y7));
        // scipy 1.17.1: scipy.stats.pearsonr(x, y) -> statistic, pvalue; .confidence_interval(0.95) (Fisher z)
        assertEquals(0.8498656589410798, r.pearson().r(), 1e-14);
        assertEquals(0.015445396381267037, r.pearson().tTestP(), 1e-12);
        assertEquals(0.268908535060716, r.pearson().fisherCi().orElseThrow().lower(), 1e-9);
        assertEquals(0.977393598703492, r.pearson().fisherCi().orElseThrow().upper(), 1e-9);
        // scipy.stats.spearmanr(x, y)
        assertEquals(0.8214285714285715, r.spearman().r(), 1e-14);
        assertEquals(0.0234488083456915, r.spearman().tTestP(), 1e-12);
        // 7! = 5040 <= B: exact. scipy.stats.permutation_test((y,), lambda yy: abs(np.corrcoef(x, yy)[0, 1]),
        //   permutation_type='pairings', alternative='greater', n_resamples=np.inf).pvalue = 98/5040
        assertEquals(FrontierCorrelation.PermutationMethod.EXACT, r.settings().permutationMethod());
        assertEquals(5040, r.settings().permutationsUsed());
        assertEquals(0.019444444444444445, r.pearson().permutationP(), 1e-15);
        // same with abs(scipy.stats.spearmanr(x, yy).statistic): 172/5040
        assertEquals(0.034126984126984124, r.spearman().permutationP(), 1e-15);
        assertTrue(r.spearman().fisherCi().isEmpty());
    }

    @Test
    void spearmanUsesAverageRanksForTies() {
        double[] x = {1, 2, 2, 3, 4, 4, 5};
        double[] y = {2, 1, 3, 3, 5, 4, 4};
        // scipy.stats.rankdata(x) = [1, 2.5, 2.5, 4, 5.5, 5.5, 7]
        assertArrayEquals(new double[] {1, 2.5, 2.5, 4, 5.5, 5.5, 7}, FrontierCorrelation.ranks(x), 0);
        // scipy.stats.spearmanr(x, y).statistic
        assertEquals(0.8333333333333335, FrontierCorrelation.spearman(x, y), 1e-14);
    }

    @Test
    void monteCarloPAgreesWithExactEnumeration() {
        double[] x = {0.31, 0.45, 0.52, 0.38, 0.71, 0.66, 0.59, 0.22, 0.48};
        double[] y = {0.22, 0.20, 0.18, 0.25, 0.31, 0.30, 0.23, 0.21, 0.19};
        FrontierCorrelation.Result exact = seeded(3).withPermutations(400_000).test(models(x, y));
        assertEquals(FrontierCorrelation.PermutationMethod.EXACT, exact.settings().permutationMethod());
        assertEquals(362_880, exact.settings().permutationsUsed());
        FrontierCorrelation.Result mc = seeded(3).withPermutations(20_000).test(models(x, y));
        assertEquals(FrontierCorrelation.PermutationMethod.MONTE_CARLO, mc.settings().permutationMethod());
        double p = exact.pearson().permutationP();
        double sd = Math.sqrt(p * (1 - p) / 20_000);
        // binomial sampling error of the Monte Carlo p: within 5 standard deviations
        assertEquals(p, mc.pearson().permutationP(), 5 * sd + 1.0 / 20_001);
        assertEquals(exact.spearman().permutationP(), mc.spearman().permutationP(),
                5 * Math.sqrt(0.25 / 20_000) + 1.0 / 20_001);
    }

    @Test
    void sameSeedGivesIdenticalResultsAndOtherSeedsDiffer() {
        double[] x = new double[30];
        double[] y = new double[30];
        for (int i = 0; i < 30; i++) {
            x[i] = 0.3 + 0.02 * i;
            y[i] = 0.1 + 0.01 * ((i * 17) % 30);
        }
        FrontierCorrelation c = FrontierCorrelation.withDefaults().withPermutations(20_000).withBootstrap(3000);
        FrontierCorrelation.Result a = c.withRandom(RandomStreams.of(42)).test(models(x, y));
        FrontierCorrelation.Result b = c.withRandom(RandomStreams.of(42)).test(models(x, y));
        FrontierCorrelation.Result other = c.withRandom(RandomStreams.of(43)).test(models(x, y));
        assertEquals(a, b);
        assertEquals(42, a.settings().seed());
        assertNotEquals(a.pearson().bootstrapCi(), other.pearson().bootstrapCi());
        assertTrue(a.pearson().permutationP() > 0 && a.pearson().permutationP() <= 1);
        Interval ci = a.pearson().bootstrapCi().orElseThrow();
        assertTrue(ci.lower() <= a.pearson().r() && a.pearson().r() <= ci.upper(), ci.toString());
    }

    @Test
    void pValueIsInvariantToAffineRescalingOfEitherScore() {
        double[] x2 = new double[X7.length];
        for (int i = 0; i < x2.length; i++) {
            x2[i] = 0.1 + 0.5 * X7[i];
        }
        FrontierCorrelation.Result a = seeded(5).test(models(X7, Y7));
        FrontierCorrelation.Result b = seeded(5).test(models(x2, Y7));
        assertEquals(a.pearson().r(), b.pearson().r(), 1e-12);
        assertEquals(a.pearson().permutationP(), b.pearson().permutationP(), 0);
        assertEquals(a.spearman().permutationP(), b.spearman().permutationP(), 0);
    }

    @Test
    void perLabSummaryAveragesEachLab() {
        FrontierCorrelation.Result r = seeded(1).test(models(X7, Y7));
        assertEquals(2, r.labs().size());
        FrontierCorrelation.LabSummary a = r.labs().get(0);
        assertEquals("A", a.lab());
        assertEquals(4, a.n());
        assertEquals((0.31 + 0.52 + 0.71 + 0.59) / 4, a.meanReasoning(), 1e-15);
        assertEquals((0.12 + 0.18 + 0.41 + 0.33) / 4, a.meanTruth(), 1e-15);
    }

    @Test
    void bundledFrontierTableMatchesScipyAndPrintsTheNumbers() {
        FrontierTable t = FrontierTable.readBundled();
        FrontierCorrelation.Result r = FrontierCorrelation.withDefaults().withRandom(RandomStreams.of(20261124L))
                .test(t);
        // scipy 1.17.1 on the 40 rows of frontier_models.csv: pearsonr(reasoning_score, truth_score)
        assertEquals(0.4601723027401303, r.pearson().r(), 1e-13);
        assertEquals(0.0028109239819077906, r.pearson().tTestP(), 1e-12);
        assertEquals(0.17353948782983256, r.pearson().fisherCi().orElseThrow().lower(), 1e-9);
        assertEquals(0.674931577232472, r.pearson().fisherCi().orElseThrow().upper(), 1e-9);
        // spearmanr(reasoning_score, truth_score)
        assertEquals(0.4670388969622609, r.spearman().r(), 1e-13);
        assertEquals(0.0023800098976523173, r.spearman().tTestP(), 1e-12);
        assertEquals(100_000, r.settings().permutationsUsed());
        System.out.printf(Locale.ROOT, "[frontier] n=%d labs=%d Pearson r=%.4f perm p=%.5f boot CI [%.3f, %.3f] "
                        + "Fisher CI [%.3f, %.3f] t-test p=%.5f; Spearman rho=%.4f perm p=%.5f boot CI [%.3f, %.3f] "
                        + "(seed %d, B=%d, bootstrap %d, undefined %d; paper: r = +0.72 over 34 models)%n",
                r.n(), r.labs().size(), r.pearson().r(), r.pearson().permutationP(),
                r.pearson().bootstrapCi().orElseThrow().lower(), r.pearson().bootstrapCi().orElseThrow().upper(),
                r.pearson().fisherCi().orElseThrow().lower(), r.pearson().fisherCi().orElseThrow().upper(),
                r.pearson().tTestP(), r.spearman().r(), r.spearman().permutationP(),
                r.spearman().bootstrapCi().orElseThrow().lower(), r.spearman().bootstrapCi().orElseThrow().upper(),
                r.settings().seed(), r.settings().permutations(), r.settings().bootstrap(), r.bootstrapUndefined());
        for (FrontierCorrelation.LabSummary l : r.labs()) {
            System.out.printf(Locale.ROOT, "[frontier]   %-16s n=%2d mean reasoning %.3f mean truth %.3f%n", l.lab(),
                    l.n(), l.meanReasoning(), l.meanTruth());
        }
        assertEquals(10, r.labs().size());
        assertEquals(40, r.labs().stream().mapToInt(FrontierCorrelation.LabSummary::n).sum());
    }
}
