package dev.cape.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.analysis.data.BundledData;
import dev.cape.analysis.data.Dataset;
import dev.cape.app.TestData;
import dev.cape.app.common.SameThreadTaskRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SessionViewModelTest {

    @TempDir
    Path dir;
    final Preferences node = Preferences.userRoot().node("dev/cape/test/session-" + System.nanoTime());
    final WorkbenchPreferences prefs = new WorkbenchPreferences(node);
    final WorkbenchViewModel session = new WorkbenchViewModel(new SameThreadTaskRunner(), TestData.fastOptions());
    final SessionViewModel vm = new SessionViewModel(session, new SameThreadTaskRunner(), prefs);

    @AfterEach
    void removePreferences() throws Exception {
        node.removeNode();
    }

    @Test
    void savingWithoutDataIsReported() {
        vm.save(dir.resolve("s.cape"));
        assertEquals("nothing to save: no data loaded", vm.errorProperty().get());
    }

    @Test
    void openingABadFileKeepsTheSession() {
        session.replaceData(BundledData.baseModels(), Set.of());
        Dataset before = session.datasetProperty().get();
        vm.open(TestData.write(dir.resolve("bad.cape"), "{}"));
        assertTrue(vm.errorProperty().get().contains("bad.cape"), vm.errorProperty().get());
        assertEquals(before, session.datasetProperty().get());
    }

    @Test
    void saveThenOpenRestoresDataSettingsAndLeftOutFamilies() {
        session.replaceData(BundledData.baseModels(), Set.of("Llama-2"));
        session.applyOptions(TestData.fastOptions().withTau(0.25));
        Path f = dir.resolve("s.cape");
        vm.save(f);
        assertEquals("Saved " + f, vm.messageProperty().get());

        WorkbenchViewModel other = new WorkbenchViewModel(new SameThreadTaskRunner(), TestData.fastOptions());
        SessionViewModel otherVm = new SessionViewModel(other, new SameThreadTaskRunner(), prefs);
        otherVm.open(f);
        assertEquals("", otherVm.errorProperty().get());
        assertEquals(0.25, other.optionsProperty().get().tau());
        assertEquals(Set.of("Llama-2"), other.excludedFamiliesProperty().get());
        assertEquals(session.datasetProperty().get(), other.datasetProperty().get());
        assertEquals(0.25, other.resultProperty().get().diagnosis().options().tau());
        assertEquals(List.of(f.toAbsolutePath()), otherVm.recent());
    }
}
