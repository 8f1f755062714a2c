package dev.cape.app.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.analysis.data.BundledData;
import dev.cape.analysis.data.Dataset;
import dev.cape.analysis.diagnosis.UserFamilyDiagnosis;
import dev.cape.app.TestData;
import dev.cape.app.common.SameThreadTaskRunner;
import dev.cape.app.shell.WorkbenchViewModel;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The family tab's view model: the families offered, following the selection, and the diagnosis it shows. */
class FamilyViewModelTest {

    static final Dataset BUNDLED = BundledData.baseModels();

    final SameThreadTaskRunner runner = new SameThreadTaskRunner();
    final WorkbenchViewModel session = new WorkbenchViewModel(runner, TestData.fastOptions());
    final FamilyViewModel vm = new FamilyViewModel(session, runner);

    @Test
    void nothingIsDiagnosedBeforeAFamilyIsChosen() {
        session.replaceData(BUNDLED, Set.of());
        assertEquals(List.copyOf(new TreeSet<>(BUNDLED.byFamily().keySet())), vm.families());
        assertNull(vm.familyProperty().get());
        assertNull(vm.resultProperty().get());
    }

    @Test
    void choosingAFamilyShowsTheDiagnosisTheCliComputes() {
        session.replaceData(BUNDLED, Set.of());
        vm.familyProperty().set("Qwen1.5");
        UserFamilyDiagnosis.Result direct = UserFamilyDiagnosis.with(TestData.fastOptions())
                .diagnose(BUNDLED, "Qwen1.5", BUNDLED);
        UserFamilyDiagnosis.Result shown = vm.resultProperty().get();
        assertEquals(direct.models(), shown.models());
        assertEquals(direct.interventions(), shown.interventions());
        assertEquals(direct.referenceFamilies(), shown.referenceFamilies());
        assertTrue(vm.summaryProperty().get().startsWith(direct.message()), vm.summaryProperty().get());
        assertTrue(vm.summaryProperty().get().contains(UserFamilyDiagnosis.ncWords(direct.nc())));
        assertEquals("", vm.errorProperty().get());
    }

    @Test
    void aThreeModelFamilySaysWhyItsIntervalHasNoWidth() {
        session.replaceData(BUNDLED, Set.of());
        vm.familyProperty().set("Llama-2");
        double[] ci = vm.resultProperty().get().ncCiB();
        assertEquals(ci[0], ci[1], 0.0);
        assertTrue(vm.summaryProperty().get().contains("the interval has no width"), vm.summaryProperty().get());
        vm.familyProperty().set("OPT");
        assertTrue(!vm.summaryProperty().get().contains("no width"), vm.summaryProperty().get());
    }

    @Test
    void selectingModelsOfOneFamilyChoosesItAndOfTwoFamiliesDoesNot() {
        session.replaceData(BUNDLED, Set.of());
        List<String> qwen = BUNDLED.byFamily().get("Qwen1.5").stream().map(m -> m.model()).toList();
        List<String> pythia = BUNDLED.byFamily().get("Pythia").stream().map(m -> m.model()).toList();
        session.select(Set.of(qwen.get(0), qwen.get(1)));
        assertEquals("Qwen1.5", vm.familyProperty().get());
        session.select(Set.of(qwen.get(0), pythia.get(0)));
        assertEquals("Qwen1.5", vm.familyProperty().get());
        session.select(Set.of(pythia.get(2)));
        assertEquals("Pythia", vm.familyProperty().get());
        assertEquals("Pythia", vm.resultProperty().get().family());
    }

    @Test
    void newSettingsDiagnoseAgainAndLeavingTheFamilyOutClearsIt() {
        session.replaceData(BUNDLED, Set.of());
        vm.familyProperty().set("Pythia");
        int before = runner.started();
        session.applyOptions(TestData.fastOptions().withSeed(99));
        assertTrue(runner.started() > before + 1, "the analysis and the family diagnosis ran again");
        assertEquals(99, vm.resultProperty().get().options().seed());
        session.setFamilyIncluded("Pythia", false);
        assertNull(vm.familyProperty().get());
        assertNull(vm.resultProperty().get());
        assertTrue(!vm.families().contains("Pythia"));
    }

    @Test
    void aPlacedModelIsDiagnosedAmongTheFamiliesAtItsScaleWithoutJoiningTheData() {
        session.replaceData(BUNDLED, Set.of());
        vm.familyProperty().set("Pythia");
        assertEquals(List.of("arc_c", "gsm8k", "mmlu", "truthfulqa_mc2"), vm.placeBenchmarks());
        vm.place("my-model-1b", "1.2", "2048", java.util.Map.of("mmlu", "0.30", "arc_c", "0.35", "gsm8k", "0.05",
                "truthfulqa_mc2", "0.41"));
        assertEquals("", vm.errorProperty().get());
        assertNull(vm.familyProperty().get());
        UserFamilyDiagnosis.Result r = vm.resultProperty().get();
        assertEquals("(placed) my-model-1b", r.family());
        assertTrue(r.weak(), "one model has no coupling curve of its own");
        assertEquals(1, r.placements().size());
        var model = new dev.cape.analysis.data.ModelRecord("my-model-1b", "(placed) my-model-1b", 1.2,
                java.util.OptionalInt.of(2048), java.util.Map.of("mmlu", 0.30, "arc_c", 0.35, "gsm8k", 0.05,
                "truthfulqa_mc2", 0.41), "", "");
        Dataset merged = BUNDLED.merge(new Dataset("x", List.of(model), List.of("mmlu", "arc_c", "gsm8k",
                "truthfulqa_mc2"), List.of()));
        UserFamilyDiagnosis.Result direct = UserFamilyDiagnosis.with(TestData.fastOptions())
                .diagnose(merged, "(placed) my-model-1b", merged);
        assertEquals(direct.placements(), r.placements());
        assertTrue(r.placements().get(0).families().size() > 3, "reference families at 1.2B");
        assertEquals(BUNDLED, session.datasetProperty().get(), "the data is unchanged");
    }

    @Test
    void aBadFieldOfTheModelToPlaceIsNamedAndNothingRuns() {
        session.replaceData(BUNDLED, Set.of());
        int before = runner.started();
        vm.place("m", "1", "", java.util.Map.of("mmlu", "0.3", "arc_c", "high", "gsm8k", "0.1",
                "truthfulqa_mc2", "0.4"));
        assertEquals("arc_c is not a number: high", vm.errorProperty().get());
        vm.place("m", "1", "", java.util.Map.of("mmlu", "0.3", "arc_c", "0.3", "gsm8k", "0.1",
                "truthfulqa_mc2", "41"));
        assertEquals("truthfulqa_mc2 must be a score in [0, 1]: 41", vm.errorProperty().get());
        vm.place("m", "-3", "", java.util.Map.of());
        assertEquals("parameters (billions) must be > 0: -3", vm.errorProperty().get());
        vm.place("m", "1", "wide", java.util.Map.of());
        assertEquals("hidden size must be a whole number > 0 (or empty): wide", vm.errorProperty().get());
        vm.place(" ", "1", "", java.util.Map.of());
        assertEquals("give the model a name", vm.errorProperty().get());
        assertEquals(before, runner.started());
    }
}
