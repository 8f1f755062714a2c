package dev.cape.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.analysis.data.BundledData;
import dev.cape.analysis.diagnosis.DiagnosisOptions;
import dev.cape.app.TestData;
import dev.cape.app.common.SameThreadTaskRunner;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SettingsViewModelTest {

    final WorkbenchViewModel session = new WorkbenchViewModel(new SameThreadTaskRunner(), TestData.fastOptions());
    SettingsViewModel vm;

    @BeforeEach
    void load() {
        session.replaceData(BundledData.baseModels(), Set.of());
        vm = new SettingsViewModel(session);
    }

    @Test
    void tauOutsideItsRangeIsReportedAndNotApplied() {
        vm.tauProperty().set(1.5);
        assertTrue(vm.errorProperty().get().contains("tau"), vm.errorProperty().get());
        assertEquals(0.2, session.optionsProperty().get().tau());
    }

    @Test
    void benchmarkMissingFromTheDataIsReported() {
        vm.truthProperty().set("not_there");
        assertTrue(vm.errorProperty().get().contains("not_there"), vm.errorProperty().get());
        assertEquals("truthfulqa_mc2", session.optionsProperty().get().truth());
    }

    @Test
    void emptyReasoningIsReported() {
        vm.reasoning().clear();
        assertFalse(vm.errorProperty().get().isEmpty());
        assertEquals(TestData.fastOptions().reasoning(), session.optionsProperty().get().reasoning());
    }

    @Test
    void startsFromTheSessionOptionsAndOffersTheDataBenchmarks() {
        assertEquals(0.4, vm.bandwidthProperty().get());
        assertEquals(300, vm.permutationsProperty().get());
        assertEquals(BundledData.baseModels().benchmarks(), vm.benchmarks());
    }

    @Test
    void everyValidChangeIsAppliedAtOnce() {
        vm.bandwidthProperty().set(0.6);
        vm.tauProperty().set(0.3);
        vm.seedProperty().set(7);
        vm.familyBootstrapProperty().set(50);
        vm.reasoning().setAll(List.of("arc_c", "mmlu"));
        DiagnosisOptions o = session.optionsProperty().get();
        assertEquals(0.6, o.bandwidth());
        assertEquals(0.3, o.tau());
        assertEquals(7, o.seed());
        assertEquals(50, o.familyBootstrap());
        assertEquals(List.of("arc_c", "mmlu"), o.reasoning());
        assertEquals("", vm.errorProperty().get());
        assertEquals(0.6, session.resultProperty().get().diagnosis().options().bandwidth());
    }

    @Test
    void defaultsRestoreTheMethodSettings() {
        // a session without data, so the defaults' 100,000 permutations do not run
        WorkbenchViewModel empty = new WorkbenchViewModel(new SameThreadTaskRunner(), TestData.fastOptions());
        SettingsViewModel settings = new SettingsViewModel(empty);
        settings.bandwidthProperty().set(0.9);
        assertEquals(0.9, empty.optionsProperty().get().bandwidth());
        settings.resetToDefaults();
        assertEquals(DiagnosisOptions.defaults(), empty.optionsProperty().get());
        assertEquals(DiagnosisOptions.defaults().bandwidth(), settings.bandwidthProperty().get());
    }
}
