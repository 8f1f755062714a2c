package dev.cape.app.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.analysis.data.Dataset;
import dev.cape.app.TestData;
import dev.cape.app.shell.WorkbenchViewModel;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DataViewModelTest {

    final WorkbenchViewModel session = TestData.bundledSession();
    final Dataset before = session.datasetProperty().get();
    final DataViewModel vm = new DataViewModel(session);

    @Test
    void rowsCarryTheAnalysisAndUncheckingAFamilyLeavesItOut() {
        assertEquals(before.models().size(), vm.rows().size());
        ModelRow llama = vm.rows().stream().filter(r -> r.model().equals("meta-llama/Llama-2-7b-hf")).findFirst()
                .orElseThrow();
        assertFalse(Double.isNaN(llama.coupling()));
        assertFalse(llama.nc().isEmpty());
        vm.includedProperty("Llama-2").set(false);
        assertEquals(Set.of("Llama-2"), session.excludedFamiliesProperty().get());
        ModelRow out = vm.rows().stream().filter(r -> r.model().equals("meta-llama/Llama-2-7b-hf")).findFirst()
                .orElseThrow();
        assertEquals("family unchecked", out.phase());
        session.setFamilyIncluded("Llama-2", true);
        assertTrue(vm.includedProperty("Llama-2").get());
    }

    @Test
    void selectingRowsSelectsTheirModels() {
        vm.select(vm.rows().subList(0, 2));
        assertEquals(Set.of(vm.rows().get(0).model(), vm.rows().get(1).model()),
                session.selectedModelsProperty().get());
    }

    @Test
    void onlyTheSelectedRowsFamiliesStayCheckedAndAllChecksThemAgain() {
        ModelRow llama = vm.rows().stream().filter(r -> r.family().equals("Llama-2")).findFirst().orElseThrow();
        ModelRow qwen = vm.rows().stream().filter(r -> r.family().equals("Qwen1.5")).findFirst().orElseThrow();
        vm.select(java.util.List.of(llama, qwen));
        vm.includeOnlySelected();
        Set<String> expected = new java.util.HashSet<>(vm.families());
        expected.removeAll(Set.of("Llama-2", "Qwen1.5"));
        assertEquals(expected, session.excludedFamiliesProperty().get());
        assertTrue(vm.includedProperty("Llama-2").get());
        assertFalse(vm.includedProperty("Llama").get());
        vm.includeAll();
        assertEquals(Set.of(), session.excludedFamiliesProperty().get());
        assertTrue(vm.includedProperty("Llama").get());
    }

    @Test
    void onlyNothingChangesNothing() {
        session.setFamilyIncluded("Llama", false);
        vm.select(java.util.List.of());
        vm.includeOnlySelected();
        vm.includeOnly(java.util.List.of());
        assertEquals(Set.of("Llama"), session.excludedFamiliesProperty().get());
    }
}
