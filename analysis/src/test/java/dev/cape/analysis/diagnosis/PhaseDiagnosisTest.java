package dev.cape.analysis.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.analysis.coupling.CriticalScale;
import dev.cape.analysis.data.BundledData;
import dev.cape.analysis.data.Dataset;
import dev.cape.analysis.phase.Phase;
import dev.cape.analysis.resampling.ProgressListener;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The bundled data with the default settings reproduces the qualitative picture of the study. */
class PhaseDiagnosisTest {

    static Dataset data;
    static DiagnosisResult result;
    static Map<String, FamilyDiagnosis> byFamily;

    @BeforeAll
    static void diagnose() {
        data = BundledData.baseModels();
        // fewer resamples than the defaults keep the test fast; phases and N_c do not depend on them
        result = PhaseDiagnosis.with(DiagnosisOptions.defaults().withPermutations(2000).withBootstrap(2000)
                .withFamilyBootstrap(500)).run(data, ProgressListener.NONE);
        byFamily = result.families().stream().collect(Collectors.toMap(FamilyDiagnosis::family, Function.identity()));
    }

    @Test
    void unknownBenchmarkIsRejectedWithTheAvailableOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> PhaseDiagnosis
                .with(DiagnosisOptions.defaults().withTruth("truthfulqa_mc3")).run(data, ProgressListener.NONE));
        assertTrue(e.getMessage().contains("truthfulqa_mc3") && e.getMessage().contains("truthfulqa_mc2"),
                e.getMessage());
    }

    @Test
    void webTrainedSmallFamiliesAreInTheTaxPhaseAtEverySize() {
        for (String f : List.of("Pythia", "Cerebras-GPT", "GPT-Neo/J")) {
            FamilyDiagnosis d = byFamily.get(f);
            assertTrue(d.phases().stream().allMatch(p -> p == Phase.TAX), f + ": " + d.phases());
            assertEquals(CriticalScale.Status.RIGHT_CENSORED, d.nc().status(), f);
        }
    }

    @Test
    void curatedFamiliesCooperateAtEverySize() {
        for (String f : List.of("Qwen2.5", "Gemma-2")) {
            FamilyDiagnosis d = byFamily.get(f);
            assertTrue(d.phases().stream().allMatch(p -> p == Phase.COOPERATIVE), f + ": " + d.phases());
            assertEquals(CriticalScale.Status.LEFT_CENSORED, d.nc().status(), f);
        }
    }

    @Test
    void optAndBloomCrossUpwardBetweenTenAndFortyBillion() {
        for (String f : List.of("OPT", "BLOOM")) {
            CriticalScale nc = byFamily.get(f).nc();
            assertEquals(CriticalScale.Status.CROSSING, nc.status(), f);
            assertTrue(nc.paramsB() > 10 && nc.paramsB() < 40, f + ": N_c = " + nc.paramsB());
        }
    }

    @Test
    void aFamilyOfThreeModelsHasAnIntervalWithoutWidthAndSaysWhy() {
        FamilyDiagnosis llama2 = byFamily.get("Llama-2");
        assertEquals(3, llama2.scores().size());
        double[] ci = llama2.bootstrap().ciLog10();
        assertEquals(ci[0], ci[1], 0.0, "every kept resample is the family itself");
        assertEquals(Math.log10(llama2.nc().paramsB()), ci[0], 1e-12);
        assertTrue(llama2.note().startsWith("3 models: every kept bootstrap resample"), llama2.note());
        assertEquals("", byFamily.get("OPT").note(), "families with more models keep an empty note");
    }

    @Test
    void pooledTaxPhaseAnticorrelatesAndCooperativePhaseCorrelates() {
        assertTrue(result.tax().r() < -0.5, "tax r = " + result.tax().r());
        assertTrue(result.tax().test().p() < 0.05, "tax p = " + result.tax().test().p());
        assertTrue(result.cooperative().r() > 0.5, "cooperative r = " + result.cooperative().r());
    }

    @Test
    void modelsLackingASelectedBenchmarkAreExcludedWithTheReason() {
        // Meta-Llama-3-8B/70B and Llama-3.1-405B have no ARC-Challenge score in the source
        assertEquals(3, result.excluded().size());
        assertTrue(result.excluded().stream().allMatch(e -> e.reason().equals("missing arc_c")));
    }

    @Test
    void sameSeedSameResultAndFamiliesInSizeOrder() {
        DiagnosisResult again = PhaseDiagnosis.with(result.options()).run(data, ProgressListener.NONE);
        assertEquals(result.tax().test().p(), again.tax().test().p());
        for (int k = 0; k < result.families().size(); k++) {
            FamilyDiagnosis a = result.families().get(k);
            FamilyDiagnosis b = again.families().get(k);
            assertEquals(a.nc(), b.nc());
            if (a.bootstrap() != null && a.bootstrap().ciLog10() != null) {
                assertEquals(a.bootstrap().ciLog10()[0], b.bootstrap().ciLog10()[0]);
            }
            double[] n = a.scores().paramsB();
            for (int i = 1; i < n.length; i++) {
                assertTrue(n[i - 1] <= n[i], a.family());
            }
        }
    }

    @Test
    void curveBandsDoNotDependOnTheNumberOfThreads() throws Exception {
        // the families are bootstrapped in parallel; one worker thread must give the very same bands
        java.util.concurrent.ForkJoinPool one = new java.util.concurrent.ForkJoinPool(1);
        try {
            DiagnosisResult single = one.submit(() -> PhaseDiagnosis.with(result.options())
                    .run(data, ProgressListener.NONE)).get();
            int banded = 0;
            for (int k = 0; k < result.families().size(); k++) {
                FamilyDiagnosis a = result.families().get(k);
                assertEquals(a.band(), single.families().get(k).band(), a.family());
                if (a.band() != null) {
                    banded++;
                    assertEquals(result.options().familyBootstrap(), a.band().drawn());
                    assertEquals(a.bootstrap().seed(), a.band().seed());
                    assertTrue(java.util.Arrays.equals(a.curve().gridX(), a.band().gridX()), a.family());
                }
            }
            assertTrue(banded >= 5, "families with a band: " + banded);
        } finally {
            one.shutdown();
        }
    }

    @Test
    void jointPermutationTestEqualsTheStandaloneTaxTest() {
        // the joint test draws the same permutations as a standalone test on the same stream
        var families = Composites.of(data, result.options().reasoning(), result.options().truth()).families();
        var standalone = dev.cape.analysis.phase.PooledPhaseCorrelation.withDefaults()
                .test(families, dev.cape.analysis.resampling.StratifiedPermutationTest.withDefaults()
                                .withPermutations(2000),
                        dev.cape.analysis.resampling.RandomStreams.of(1).child(PhaseDiagnosis.STREAM_POOLED_TAX),
                        ProgressListener.NONE);
        assertEquals(standalone.r(), result.tax().r(), 1e-12);
        assertEquals(standalone.test().extreme(), result.tax().test().extreme());
        assertEquals(standalone.test().p(), result.tax().test().p());
    }

    @Test
    void meanCriticalScaleAndWidthAreReported() {
        assertTrue(result.meanNc().geometricMean().isPresent());
        assertTrue(result.meanNc().uncensored() >= 4, "families with an upward crossing: " + result.meanNc().uncensored());
        assertTrue(result.width().all().r().isPresent());
        assertTrue(result.width().familiesUsed().contains("Pythia"));
    }
}
