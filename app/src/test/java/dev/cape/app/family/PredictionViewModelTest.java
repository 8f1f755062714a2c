package dev.cape.app.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.analysis.data.BundledData;
import dev.cape.analysis.ode.CompositeScores;
import dev.cape.analysis.ode.HoldOutPrediction;
import dev.cape.analysis.ode.Sindy;
import dev.cape.app.TestData;
import dev.cape.app.common.SameThreadTaskRunner;
import dev.cape.app.shell.WorkbenchViewModel;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The family tab's scaling-ODE prediction: Sindy.holdOut on the session's data with the settings' composites. */
class PredictionViewModelTest {

    final SameThreadTaskRunner runner = new SameThreadTaskRunner();
    final WorkbenchViewModel session = new WorkbenchViewModel(runner, TestData.fastOptions());
    final FamilyViewModel family = new FamilyViewModel(session, runner);
    final PredictionViewModel vm = new PredictionViewModel(session, family, runner);

    @BeforeEach
    void data() {
        session.replaceData(BundledData.baseModels(), Set.of());
    }

    @Test
    void llama2IsPredictedFromTheOtherFamiliesAsCapeOdeDoes() {
        family.familyProperty().set("Llama-2");
        vm.predict();
        assertEquals("", vm.errorProperty().get());
        var o = TestData.fastOptions();
        HoldOutPrediction direct = Sindy.withDefaults().withScores(CompositeScores.withDefaults()
                .withReasoning(o.reasoning()).withTruth(o.truth())).holdOut(BundledData.baseModels(), "Llama-2");
        HoldOutPrediction shown = vm.resultProperty().get();
        assertEquals(direct.models(), shown.models());
        assertEquals(direct.mapeCombined(), shown.mapeCombined());
        assertEquals(direct.models(), vm.rows());
        assertTrue(vm.summaryProperty().get().contains(String.format(java.util.Locale.ROOT, "both %.2f%%",
                direct.mapeCombined().getAsDouble())), vm.summaryProperty().get());
    }

    @Test
    void anotherFamilyClearsThePredictionAndNoFamilyIsRefused() {
        vm.predict();
        assertEquals("choose a family above first", vm.errorProperty().get());
        family.familyProperty().set("Pythia");
        vm.predict();
        assertTrue(vm.resultProperty().get() != null, vm.errorProperty().get());
        family.familyProperty().set("OPT");
        assertNull(vm.resultProperty().get());
        assertTrue(vm.rows().isEmpty());
    }
}
