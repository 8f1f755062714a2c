package dev.cape.analysis.ode;

import dev.cape.analysis.data.Dataset;
import dev.cape.analysis.data.ModelRecord;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.ContinuousSampler;
import org.apache.commons.rng.sampling.distribution.GaussianSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SindyTest {

    private static final List<String> SUPPORT_R = List.of("R", "R^2", "R*T");
    private static final List<String> SUPPORT_T = List.of("T", "R*T", "T^2");

    @Test
    void invalidOptionsAreRefusedWithTheValue() {
        assertThrows(IllegalArgumentException.class, () -> Sindy.withDefaults().withOrder(0));
        assertThrows(IllegalArgumentException.class, () -> Sindy.withDefaults().withThreshold(-1));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sindy.withDefaults().withThresholdGrid(0.1, -0.2));
        assertTrue(e.getMessage().contains("[0.1, -0.2]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Sindy.withDefaults().withMinLofoSizes(1));
    }

    @Test
    void dataWithoutAnyTwoSizeFamilyIsRefusedNamingTheFamilies() {
        Dataset d = Synthetic.dataset(List.of(Synthetic.model("a", "A", 0, 0.2, 0.3),
                Synthetic.model("b", "B", 1, 0.3, 0.3)));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Sindy.withDefaults().fit(d));
        assertTrue(e.getMessage().contains("no family has >= 2 distinct sizes") && e.getMessage().contains("A (1)"),
                e.getMessage());
    }

    @Test
    void constantTruthMakesTheLibrarySingularWithAClearMessage() {
        List<ModelRecord> ms = new ArrayList<>();
        for (int f = 0; f < 3; f++) {
            for (int i = 0; i < 4; i++) {
                ms.add(Synthetic.model("m" + f + i, "F" + f, 0.5 * i, 0.1 + 0.1 * i + 0.05 * f, 0.4));
            }
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sindy.withDefaults().fit(Synthetic.dataset(ms)));
        assertTrue(e.getMessage().contains("library is singular: term T is constant"), e.getMessage());
    }

    @Test
    void recoversTheSupportAndCoefficientsOfAKnownSparseSystemFromNoiselessFamilies() {
        Dataset d = Synthetic.families(8, Synthetic.grid(-1, 2, 0.01), x -> 0);
        SindyFit fit = Sindy.withDefaults().fit(d);
        assertEquals(SUPPORT_R, fit.equationR().support());
        assertEquals(SUPPORT_T, fit.equationT().support());
        // finite differences at Δx = 0.01 on smooth trajectories: O(Δx²) ≈ 1e-4 bias in samples and states,
        // ridge α = 1e-3 against ~2400 samples: negligible; 2e-3 leaves a factor ~10 of headroom
        Map<String, Double> expectR = Synthetic.TRUE_FIELD.coefficientsR();
        Map<String, Double> expectT = Synthetic.TRUE_FIELD.coefficientsT();
        for (String term : fit.terms()) {
            assertEquals(expectR.get(term), fit.coefficientsR().get(term), 2e-3, "dR/dx " + term);
            assertEquals(expectT.get(term), fit.coefficientsT().get(term), 2e-3, "dT/dx " + term);
        }
        assertEquals(8, fit.trainingFamilies().size());
        assertEquals(8 * 300, fit.samples().size());
        assertTrue(fit.equationR().converged() && fit.equationT().converged());
        assertEquals(0.05, fit.threshold());
        assertEquals(2, fit.settings().libraryOrder());
    }

    @Test
    void recoversTheSupportUnderSmallNoise() {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(20261124L);
        ContinuousSampler g = GaussianSampler.of(ZigguratSampler.NormalizedGaussian.of(rng), 0, 5e-4);
        Dataset d = Synthetic.families(10, Synthetic.grid(-1, 2, 0.1), x -> g.sample());
        SindyFit fit = Sindy.withDefaults().fit(d);
        for (String term : fit.terms()) {
            System.out.printf("[noisy] %-4s dR %+.4f (true %+.2f)   dT %+.4f (true %+.2f)%n", term,
                    fit.coefficientsR().get(term), Synthetic.TRUE_FIELD.coefficientsR().get(term),
                    fit.coefficientsT().get(term), Synthetic.TRUE_FIELD.coefficientsT().get(term));
        }
        assertEquals(SUPPORT_R, fit.equationR().support());
        assertEquals(SUPPORT_T, fit.equationT().support());
        // noise σ = 5e-4 per score gives derivative noise ≈ σ√2/Δx ≈ 7e-3 per sample over 300 samples, and
        // Δx = 0.1 finite differences add an O(Δx²) bias; 0.05 is a tenth of the smallest true |coefficient|·2
        for (String term : SUPPORT_R) {
            assertEquals(Synthetic.TRUE_FIELD.coefficientsR().get(term), fit.coefficientsR().get(term), 0.05, term);
        }
        for (String term : SUPPORT_T) {
            assertEquals(Synthetic.TRUE_FIELD.coefficientsT().get(term), fit.coefficientsT().get(term), 0.05, term);
        }
    }

    @Test
    void heldOutFamilyOfTheSameDynamicsIsPredictedClosely() {
        List<ModelRecord> ms = new ArrayList<>(Synthetic.families(6, Synthetic.grid(-1, 2, 0.01), x -> 0).models());
        ms.addAll(Synthetic.family("Held", Synthetic.TRUE_FIELD, 0.2, 0.45, new double[] {-0.5, 0.3, 1.0, 1.7},
                x -> 0));
        HoldOutPrediction p = Sindy.withDefaults().holdOut(Synthetic.dataset(ms), "Held");
        assertEquals(HoldOutStatus.COMPLETE, p.status());
        assertFalse(p.fit().trainingFamilies().contains("Held"));
        assertEquals(4, p.models().size());
        assertEquals(ModelPrediction.Status.INITIAL_STATE, p.models().get(0).status());
        assertTrue(p.models().subList(1, 4).stream().allMatch(m -> m.status() == ModelPrediction.Status.PREDICTED));
        // coefficients within 2e-3 of the truth over ≤ 2.2 decades: percentage errors well below 1%
        assertTrue(p.mapeCombined().getAsDouble() < 1, "MAPE " + p.mapeCombined());
        double mean = (p.mapeR().getAsDouble() + p.mapeT().getAsDouble()) / 2;
        assertEquals(mean, p.mapeCombined().getAsDouble(), 1e-12); // equal counts: combined = mean of the two
    }

    @Test
    void unknownOrTooSmallHeldOutFamilyIsRefusedWithTheFamilies() {
        List<ModelRecord> ms = new ArrayList<>(Synthetic.families(3, Synthetic.grid(0, 1, 0.25), x -> 0).models());
        ms.add(Synthetic.model("solo", "Solo", 0.5, 0.3, 0.3));
        Dataset d = Synthetic.dataset(ms);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Sindy.withDefaults().holdOut(d));
        assertTrue(e.getMessage().startsWith("held-out family not in the data: Llama-2; families: [F0, F1, F2, Solo]"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> Sindy.withDefaults().holdOut(d, "Solo"));
        assertTrue(e.getMessage().contains("Solo has 1 distinct size"), e.getMessage());
    }

    @Test
    void trajectoryLeavingTheBoxIsReportedNotClipped() {
        List<ModelRecord> ms = new ArrayList<>(Synthetic.families(6, Synthetic.grid(-1, 2, 0.02), x -> 0).models());
        // at (0.95, 0.9) the true field has dR/dx = 0.285 - 0.451 + 0.342 > 0: R reaches 1 before x = 1
        ms.add(Synthetic.model("h0", "Edge", 0, 0.95, 0.9));
        ms.add(Synthetic.model("h1", "Edge", 1, 0.97, 0.8));
        ms.add(Synthetic.model("h2", "Edge", 2, 0.99, 0.7));
        HoldOutPrediction p = Sindy.withDefaults().holdOut(Synthetic.dataset(ms), "Edge");
        assertEquals(HoldOutStatus.NOT_REACHED, p.status());
        assertEquals(TrajectoryStatus.LEFT_BOX, p.trajectory().status());
        double exit = p.trajectory().exitX().getAsDouble();
        assertTrue(exit > 0 && exit < 1, "exit " + exit);
        assertTrue(p.message().contains("left [0,1]^2 at x="), p.message());
        assertTrue(p.models().subList(1, 3).stream().allMatch(m -> m.status() == ModelPrediction.Status.NOT_REACHED
                && m.rPred().isEmpty()));
        assertTrue(p.mapeCombined().isEmpty());

        HoldOutPrediction q = Sindy.withDefaults()
                .withIntegrator(TrajectoryIntegrator.withDefaults().with(BoundaryPolicy.FLAG_AND_CONTINUE))
                .holdOut(Synthetic.dataset(ms), "Edge");
        assertEquals(HoldOutStatus.COMPLETE, q.status());
        assertEquals(exit, q.trajectory().exitX().getAsDouble(), 1e-9);
        assertEquals(ModelPrediction.Status.OUTSIDE_BOX, q.models().get(1).status());
        assertTrue(q.models().get(1).rPred().getAsDouble() > 1, "not clipped: " + q.models().get(1).rPred());
    }

    @Test
    void leaveOneFamilyOutSkipsFamiliesWithTooFewSizes() {
        List<ModelRecord> ms = new ArrayList<>(Synthetic.families(5, Synthetic.grid(-1, 2, 0.05), x -> 0).models());
        ms.add(Synthetic.model("p0", "Pair", 0, 0.3, 0.3));
        ms.add(Synthetic.model("p1", "Pair", 1, 0.35, 0.3));
        LofoTable t = Sindy.withDefaults().leaveOneFamilyOut(Synthetic.dataset(ms));
        assertEquals(List.of("F0", "F1", "F2", "F3", "F4"), t.rows().stream().map(LofoTable.Row::family).toList());
        assertEquals(1, t.skipped().size());
        assertEquals("Pair", t.skipped().get(0).family());
        assertTrue(t.skipped().get(0).reason().contains("needs >= 3"), t.skipped().get(0).reason());
        assertEquals(5, t.completeRows());
        // every fold is trained on four exact-dynamics families at Δx = 0.05: errors stay far below 5%
        assertTrue(t.meanMapeCombined().getAsDouble() < 5, "mean MAPE " + t.meanMapeCombined());
    }

    @Test
    void crossValidationChoosesFromTheGridAndRecordsEveryRow() {
        Dataset d = Synthetic.families(5, Synthetic.grid(-1, 2, 0.05), x -> 0);
        Sindy s = Sindy.withDefaults().with(ThresholdSelection.CROSS_VALIDATED).withThresholdGrid(0.01, 0.1, 1.0);
        SindyFit fit = s.fit(d);
        ThresholdCv cv = fit.thresholdCv().orElseThrow();
        assertEquals(3, cv.rows().size());
        assertEquals(5, cv.folds().size());
        // λ = 1 removes every true term (all |ξ| ≤ 0.5): the zero field keeps the start state, a large error
        ThresholdCv.Row one = cv.rows().get(2);
        ThresholdCv.Row small = cv.rows().get(0);
        assertTrue(one.meanScore().getAsDouble() > small.meanScore().getAsDouble());
        assertTrue(cv.chosen() < 1.0);
        assertEquals(cv.chosen(), fit.threshold());
        SindyFit again = s.with(CvScore.DERIVATIVE_MAPE).fit(d);
        assertEquals(CvScore.DERIVATIVE_MAPE, again.thresholdCv().orElseThrow().score());
        assertTrue(again.threshold() < 1.0);
    }

    @Test
    void crossValidationWithTooFewFoldsFallsBackToTheConfiguredThresholdAndSaysSo() {
        Dataset d = Synthetic.families(1, Synthetic.grid(-1, 2, 0.05), x -> 0);
        SindyFit fit = Sindy.withDefaults().with(ThresholdSelection.CROSS_VALIDATED).fit(d);
        assertTrue(fit.thresholdCv().isEmpty());
        assertEquals(0.05, fit.threshold());
        assertTrue(fit.notes().stream().anyMatch(n -> n.contains("cross-validation of the threshold needs")));
    }

    @Test
    void fitIsDeterministic() {
        Dataset d = Synthetic.families(4, Synthetic.grid(-1, 2, 0.1), x -> 0);
        Sindy s = Sindy.withDefaults().with(ThresholdSelection.CROSS_VALIDATED);
        assertEquals(s.fit(d).field().toString(), s.fit(d).field().toString());
        assertEquals(s.fit(d).coefficientsR(), s.fit(d).coefficientsR());
    }

    @Test
    void leaveOneFamilyOutReportsProgressAndStopsWhenInterrupted() {
        Dataset d = Synthetic.families(4, Synthetic.grid(-1, 2, 0.1), x -> 0);
        List<Long> done = new java.util.concurrent.CopyOnWriteArrayList<>();
        Sindy.withDefaults().withProgress((task, k, total) -> {
            if (task.equals("leave-one-family-out")) {
                done.add(k);
                assertEquals(4, total);
            }
        }).leaveOneFamilyOut(d);
        assertEquals(List.of(1L, 2L, 3L, 4L), done);
        Thread.currentThread().interrupt();
        try {
            assertThrows(java.util.concurrent.CancellationException.class,
                    () -> Sindy.withDefaults().leaveOneFamilyOut(d));
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void foldWhoseRemainingFamiliesGiveASingularLibraryIsMarkedFitFailed() {
        List<ModelRecord> ms = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            // Varied: T changes with size; Flat1, Flat2: T = 0.4 at every size
            ms.add(Synthetic.model("v" + i, "Varied", 0.5 * i, 0.1 + 0.1 * i, 0.2 + 0.05 * i * i));
            ms.add(Synthetic.model("a" + i, "Flat1", 0.5 * i, 0.15 + 0.12 * i, 0.4));
            ms.add(Synthetic.model("b" + i, "Flat2", 0.5 * i, 0.2 + 0.07 * i, 0.4));
        }
        LofoTable t = Sindy.withDefaults().leaveOneFamilyOut(Synthetic.dataset(ms));
        LofoTable.Row varied = t.rows().get(0);
        assertEquals("Varied", varied.family());
        assertEquals(HoldOutStatus.FIT_FAILED, varied.status());
        assertTrue(varied.prediction().isEmpty() && varied.mapeCombined().isEmpty() && varied.threshold().isEmpty());
        assertTrue(varied.message().startsWith("fit without Varied failed: library is singular: term T is constant"),
                varied.message());
        assertTrue(t.rows().get(1).prediction().isPresent());
    }
}
