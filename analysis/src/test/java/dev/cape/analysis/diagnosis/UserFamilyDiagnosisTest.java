package dev.cape.analysis.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.analysis.coupling.CriticalScale;
import dev.cape.analysis.data.Dataset;
import dev.cape.analysis.data.ModelRecord;
import dev.cape.analysis.diagnosis.UserFamilyDiagnosis.Intervention;
import dev.cape.analysis.diagnosis.UserFamilyDiagnosis.Result;
import dev.cape.analysis.diagnosis.UserFamilyDiagnosis.Verdict;
import dev.cape.analysis.phase.Phase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class UserFamilyDiagnosisTest {

    static final DiagnosisOptions OPTIONS = DiagnosisOptions.defaults().withReasoning(List.of("a", "b", "c"))
            .withTruth("t").withFamilyBootstrap(200);

    /** A model with benchmarks a, b, c, t and an optional width (0 = unknown). */
    static ModelRecord model(String family, double size, int width, double a, double b, double c, double t) {
        return new ModelRecord(family + "-" + size, family, size, width == 0 ? OptionalInt.empty() : OptionalInt.of(width),
                Map.of("a", a, "b", b, "c", c, "t", t), "", "test");
    }

    static Dataset data(List<ModelRecord> models) {
        return new Dataset("test.csv", models, List.of("a", "b", "c", "t"), List.of());
    }

    static Intervention intervention(Result r, String name) {
        return r.interventions().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
    }

    /**
     * Sizes 1..16B; a and b rise by 0.05 per doubling, c falls by 0.2, T falls by 0.05. With {a, b, c} R falls
     * (R and T both fall: c = +1, cooperative everywhere); dropping c leaves R rising against a falling T (c = −1,
     * tax everywhere); dropping a or b keeps R falling. Every curve is exactly ±1, whatever the kernel weights.
     */
    static List<ModelRecord> flipping(String family) {
        List<ModelRecord> out = new ArrayList<>();
        double[] sizes = {1, 2, 4, 8, 16};
        for (int i = 0; i < 5; i++) {
            out.add(model(family, sizes[i], 0, 0.30 + 0.05 * i, 0.20 + 0.05 * i, 0.90 - 0.2 * i, 0.50 - 0.05 * i));
        }
        return out;
    }

    @Test
    void unknownFamilyListsTheAvailableOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> UserFamilyDiagnosis.with(OPTIONS)
                .diagnose(data(flipping("F")), "G", data(flipping("F"))));
        assertTrue(e.getMessage().contains("family 'G' is not in test.csv; available families: F"), e.getMessage());
    }

    @Test
    void droppingOneReasoningBenchmarkFlipsThePhaseAndRotationIsSuggested() {
        Dataset d = data(flipping("F"));
        Result r = UserFamilyDiagnosis.with(OPTIONS).diagnose(d, "F", d);
        assertFalse(r.weak());
        r.models().forEach(m -> assertEquals(Phase.COOPERATIVE, m.phase(), m.model()));
        // rows: {a,b,c}, {b,c}, {a,c}, {a,b} with the one truth metric t
        assertEquals(4, r.rotation().rows().size());
        assertEquals(List.of("a", "b"), r.rotation().rows().get(3).reasoning());
        r.rotation().rows().get(3).phases().values().forEach(p -> assertEquals(Phase.TAX, p));
        for (int k = 0; k < 3; k++) {
            r.rotation().rows().get(k).phases().values().forEach(p -> assertEquals(Phase.COOPERATIVE, p));
        }
        assertFalse(r.rotation().stable());
        assertEquals(5, r.rotation().unstableModels().size());
        Intervention rot = intervention(r, "benchmark_rotation");
        assertEquals(Verdict.SUGGESTED, rot.verdict());
        assertEquals(4, rot.quantity(), 0);
        assertEquals(List.of("t"), r.rotation().truthMetrics());
    }

    @Test
    void stablePhaseUnderRotationIsNotSuggested() {
        List<ModelRecord> ms = new ArrayList<>();
        double[] sizes = {1, 2, 4, 8, 16};
        for (int i = 0; i < 5; i++) {
            // every benchmark rises, T falls: tax in every choice
            ms.add(model("F", sizes[i], 0, 0.30 + 0.05 * i, 0.20 + 0.05 * i, 0.10 + 0.1 * i, 0.50 - 0.05 * i));
        }
        Dataset d = data(ms);
        Result r = UserFamilyDiagnosis.with(OPTIONS).diagnose(d, "F", d);
        assertTrue(r.rotation().stable());
        assertEquals(Verdict.NOT_SUGGESTED, intervention(r, "benchmark_rotation").verdict());
        assertEquals(CriticalScale.Status.RIGHT_CENSORED, r.nc().status());
    }

    /** A tax-phase family (R rises, T falls) at 1, 4, 16B with the given widths. */
    static List<ModelRecord> taxFamily(String family, double[] sizes, int[] widths) {
        List<ModelRecord> out = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            out.add(model(family, sizes[i], widths[i], 0.3 + 0.1 * i, 0.3 + 0.1 * i, 0.3 + 0.1 * i, 0.5 - 0.05 * i));
        }
        return out;
    }

    /** A cooperative family (R and T rise) at the given sizes and widths. */
    static List<ModelRecord> coopFamily(String family, double[] sizes, int[] widths) {
        List<ModelRecord> out = new ArrayList<>();
        for (int i = 0; i < sizes.length; i++) {
            out.add(model(family, sizes[i], widths[i], 0.3 + 0.1 * i, 0.3 + 0.1 * i, 0.3 + 0.1 * i, 0.3 + 0.05 * i));
        }
        return out;
    }

    @Test
    void narrowTaxRegionSuggestsWidthByTheOctaveDeficit() {
        // reference G: log2 d = 11, 12, 13 at x = 0, log10 4, log10 16 (linear in x); F: 10, 11, 12 at the same sizes
        List<ModelRecord> ms = new ArrayList<>(taxFamily("F", new double[] {1, 4, 16}, new int[] {1024, 2048, 4096}));
        ms.addAll(coopFamily("G", new double[] {1, 4, 16}, new int[] {2048, 4096, 8192}));
        Dataset d = data(ms);
        Result r = UserFamilyDiagnosis.with(OPTIONS).diagnose(d, "F", d);
        r.models().forEach(m -> {
            assertEquals(Phase.TAX, m.phase());
            assertEquals(-1, m.widthDelta(), 1e-12);
        });
        Intervention w = intervention(r, "width");
        assertEquals(Verdict.SUGGESTED, w.verdict());
        assertEquals(-1, w.quantity(), 1e-12);
        // the same family with wider models: not suggested, +1 octave
        List<ModelRecord> wide = new ArrayList<>(taxFamily("F", new double[] {1, 4, 16}, new int[] {4096, 8192, 16384}));
        wide.addAll(coopFamily("G", new double[] {1, 4, 16}, new int[] {2048, 4096, 8192}));
        Result r2 = UserFamilyDiagnosis.with(OPTIONS).diagnose(data(wide), "F", data(wide));
        assertEquals(Verdict.NOT_SUGGESTED, intervention(r2, "width").verdict());
        assertEquals(1, intervention(r2, "width").quantity(), 1e-12);
    }

    @Test
    void referenceWidthInterpolatesLinearlyInLog10N() {
        List<ModelRecord> ms = coopFamily("G", new double[] {1, 4, 16}, new int[] {2048, 4096, 8192});
        var g = Composites.of(data(ms), List.of("a"), "t").families();
        // at 2B (x = log10 2, halfway between 1B and 4B in x) log2 d = 11.5
        assertEquals(11.5, UserFamilyDiagnosis.referenceWidthOf(g, Math.log10(2)), 1e-12);
        assertTrue(Double.isNaN(UserFamilyDiagnosis.referenceWidthOf(g, Math.log10(32))));
    }

    @Test
    void curationShareCountsReferencesCooperativeBelowTheFamilysLargestSize() {
        // F tax at every size up to 16B; G cooperative from 1B (below 16B); H cooperative only from 32B (not below)
        List<ModelRecord> ms = new ArrayList<>(taxFamily("F", new double[] {1, 4, 16}, new int[] {0, 0, 0}));
        ms.addAll(coopFamily("G", new double[] {1, 4, 16}, new int[] {0, 0, 0}));
        ms.addAll(coopFamily("H", new double[] {32, 64, 128}, new int[] {0, 0, 0}));
        Dataset d = data(ms);
        Result r = UserFamilyDiagnosis.with(OPTIONS).diagnose(d, "F", d);
        Intervention c = intervention(r, "data_curation");
        assertEquals(0.5, c.quantity(), 0);
        assertEquals(Verdict.SUGGESTED, c.verdict());
        assertTrue(c.message().startsWith("1 of 2 reference families"), c.message());
        assertEquals(Verdict.NOT_ASSESSABLE, intervention(r, "width").verdict());
    }

    @Test
    void twoModelsGiveAWeakPlacementAgainstTheReferences() {
        List<ModelRecord> ms = new ArrayList<>(coopFamily("G", new double[] {1, 4, 16}, new int[] {0, 0, 0}));
        ms.add(model("Mine", 2, 0, 0.9, 0.9, 0.9, 0.1));
        ms.add(model("Mine", 8, 0, 0.1, 0.1, 0.1, 0.9));
        Dataset d = data(ms);
        Result r = UserFamilyDiagnosis.with(OPTIONS).diagnose(d, "Mine", d);
        assertTrue(r.weak());
        assertTrue(r.message().startsWith("Weak diagnosis"), r.message());
        assertNull(r.rotation());
        assertEquals(2, r.placements().size());
        UserFamilyDiagnosis.Placement p = r.placements().get(0);
        assertEquals(List.of("G"), p.families());
        assertEquals(1, p.phaseCounts().get(Phase.COOPERATIVE));
        // G's models within 0.4 decades of 2B: 1B and 4B; R = 0.9 is above both, T = 0.1 below both
        assertEquals(2, p.neighbours());
        assertEquals(100, p.reasoningPercentile(), 0);
        assertEquals(0, p.truthPercentile(), 0);
        r.interventions().forEach(i -> assertEquals(Verdict.NOT_ASSESSABLE, i.verdict()));
    }
}
