package dev.cape.app.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.analysis.data.BundledData;
import dev.cape.analysis.data.Dataset;
import dev.cape.app.TestData;
import dev.cape.app.common.SameThreadTaskRunner;
import dev.cape.app.shell.WorkbenchViewModel;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DataViewModelTest {

    final WorkbenchViewModel session = new WorkbenchViewModel(new SameThreadTaskRunner(), TestData.fastOptions());
    final DataViewModel vm = new DataViewModel(session);
    Dataset before;

    @BeforeEach
    void load() {
        session.replaceData(BundledData.baseModels(), Set.of());
        before = session.datasetProperty().get();
    }

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
}
