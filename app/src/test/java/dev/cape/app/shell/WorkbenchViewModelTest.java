package dev.cape.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.analysis.data.BundledData;
import dev.cape.analysis.data.CsvImporter;
import dev.cape.analysis.data.Dataset;
import dev.cape.analysis.diagnosis.DiagnosisResult;
import dev.cape.analysis.diagnosis.FamilyDiagnosis;
import dev.cape.app.TestData;
import dev.cape.app.common.SameThreadTaskRunner;
import dev.cape.app.workflow.WorkbenchAnalysis;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WorkbenchViewModelTest {

    static final Dataset BUNDLED = BundledData.baseModels();

    final SameThreadTaskRunner runner = new SameThreadTaskRunner();
    final WorkbenchViewModel vm = new WorkbenchViewModel(runner, TestData.fastOptions());

    @Test
    void unknownTruthBenchmarkIsReportedAndNothingRuns() {
        vm.replaceData(BUNDLED, Set.of());
        WorkbenchAnalysis.Result before = vm.resultProperty().get();
        vm.applyOptions(TestData.fastOptions().withTruth("no_such_benchmark"));
        assertTrue(vm.errorProperty().get().contains("no_such_benchmark"), vm.errorProperty().get());
        assertFalse(vm.runningProperty().get());
        assertFalse(vm.fullPendingProperty().get());
        assertEquals(before, vm.resultProperty().get(), "the charts keep the last good result");
    }

    @Test
    void recomputeWithoutDataDoesNothing() {
        vm.recompute();
        assertEquals(0, runner.started());
        assertNull(vm.resultProperty().get());
    }

    @Test
    void replacingTheDataRunsTheQuickThenTheFullPass() {
        vm.replaceData(BUNDLED, Set.of());
        assertEquals(2, runner.started());
        WorkbenchAnalysis.Result r = vm.resultProperty().get();
        assertEquals(WorkbenchAnalysis.Stage.FULL, r.stage());
        Set<String> leftOut = r.diagnosis().excluded().stream().map(e -> e.model()).collect(Collectors.toSet());
        long analysed = BUNDLED.models().stream().filter(m -> !leftOut.contains(m.model())).map(m -> m.family())
                .distinct().count();
        assertEquals(analysed, r.diagnosis().families().size());
        assertFalse(vm.runningProperty().get());
        assertFalse(vm.fullPendingProperty().get());
        assertTrue(vm.statusProperty().get().startsWith("Diagnosed"), vm.statusProperty().get());
        assertTrue(vm.lastQuickMillisProperty().get() >= 0);
    }

    @Test
    void changingTheBandwidthRecomputesTheCouplingCurves() {
        vm.replaceData(BUNDLED, Set.of());
        DiagnosisResult before = vm.resultProperty().get().diagnosis();
        vm.applyOptions(TestData.fastOptions().withBandwidth(0.8));
        DiagnosisResult after = vm.resultProperty().get().diagnosis();
        assertEquals(0.8, after.options().bandwidth());
        assertNotEquals(before.families().get(0).curve().gridC()[0], after.families().get(0).curve().gridC()[0]);
    }

    @Test
    void equalOptionsDoNotRecompute() {
        vm.replaceData(BUNDLED, Set.of());
        int runs = runner.started();
        vm.applyOptions(TestData.fastOptions());
        assertEquals(runs, runner.started());
    }

    @Test
    void uncheckedFamilyIsLeftOutAndCheckedAgainComesBack() {
        vm.replaceData(BUNDLED, Set.of());
        String family = vm.resultProperty().get().diagnosis().families().get(0).family();
        vm.setFamilyIncluded(family, false);
        assertFalse(families().contains(family));
        assertEquals(Set.of(family), vm.excludedFamiliesProperty().get());
        vm.setFamilyIncluded(family, true);
        assertTrue(families().contains(family));
    }

    @Test
    void mergedDataAddsItsFamilies(@TempDir Path dir) {
        vm.replaceData(BUNDLED, Set.of());
        vm.mergeData(CsvImporter.withDefaults().read(TestData.goodCsv(dir)));
        assertTrue(families().contains("Testfam"));
        assertEquals(BUNDLED.models().size() + 4, vm.datasetProperty().get().models().size());
    }

    @Test
    void cancelStopsAndKeepsTheLastResult() {
        vm.replaceData(BUNDLED, Set.of());
        WorkbenchAnalysis.Result r = vm.resultProperty().get();
        vm.cancel();
        assertFalse(vm.runningProperty().get());
        assertEquals("Cancelled", vm.statusProperty().get());
        assertEquals(r, vm.resultProperty().get());
    }

    @Test
    void selectionIsKept() {
        vm.select(Set.of("a", "b"));
        assertEquals(Set.of("a", "b"), vm.selectedModelsProperty().get());
    }

    private List<String> families() {
        return vm.resultProperty().get().diagnosis().families().stream().map(FamilyDiagnosis::family).toList();
    }
}
