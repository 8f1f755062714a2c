package dev.cape.app.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.analysis.compare.MatchedScaleComparison;
import dev.cape.analysis.data.BundledData;
import dev.cape.app.TestData;
import dev.cape.app.common.SameThreadTaskRunner;
import dev.cape.app.shell.WorkbenchViewModel;
import dev.cape.app.workflow.FamilyComparisons;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The family tab's matched-scale comparison: the numbers of cape compare with the session's settings. */
class CompareViewModelTest {

    final SameThreadTaskRunner runner = new SameThreadTaskRunner();
    final WorkbenchViewModel session = new WorkbenchViewModel(runner, TestData.fastOptions());
    final FamilyViewModel family = new FamilyViewModel(session, runner);
    final CompareViewModel vm = new CompareViewModel(session, family, runner);

    @BeforeEach
    void data() {
        session.replaceData(BundledData.baseModels(), Set.of());
    }

    @Test
    void qwenGenerationsAtFourBillionGiveWhatCapeCompareGives() {
        family.familyProperty().set("Qwen1.5");
        vm.otherProperty().set("Qwen2.5");
        vm.atProperty().set("4");
        vm.compare();
        assertEquals("", vm.errorProperty().get());
        var o = TestData.fastOptions();
        MatchedScaleComparison.Result direct = FamilyComparisons.compare(BundledData.baseModels(), o.reasoning(),
                o.truth(), o.bandwidth(), o.familyBootstrap(), o.seed(), "Qwen1.5", "Qwen2.5", 4.0);
        assertEquals(direct.points(), vm.rows());
        assertEquals(1, vm.rows().size());
        assertEquals(4.0, vm.rows().get(0).paramsB(), 0);
    }

    @Test
    void withoutASizeEverySharedSizeIsCompared() {
        family.familyProperty().set("Pythia");
        vm.otherProperty().set("OPT");
        vm.compare();
        assertTrue(vm.rows().size() > 1, "sizes in the overlap: " + vm.rows().size());
        family.familyProperty().set("BLOOM");
        assertNull(vm.resultProperty().get(), "another family A clears the comparison");
    }

    @Test
    void badChoicesAreRefusedWithAMessage() {
        vm.compare();
        assertEquals("choose the family above and a family to compare it with", vm.errorProperty().get());
        family.familyProperty().set("OPT");
        vm.otherProperty().set("OPT");
        vm.compare();
        assertEquals("choose another family than OPT to compare with", vm.errorProperty().get());
        vm.otherProperty().set("Pythia");
        vm.atProperty().set("four");
        vm.compare();
        assertEquals("the size must be a number of billions, or empty for every shared size: four",
                vm.errorProperty().get());
    }
}
