package dev.cape.app.shell;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.analysis.diagnosis.DiagnosisOptions;
import dev.cape.app.TestData;
import java.nio.file.Path;
import java.util.prefs.Preferences;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class WorkbenchPreferencesTest {

    final Preferences node = Preferences.userRoot().node("dev/cape/test/prefs-" + System.nanoTime());
    final WorkbenchPreferences prefs = new WorkbenchPreferences(node);

    @AfterEach
    void remove() throws Exception {
        node.removeNode();
    }

    @Test
    void invalidSavedSettingsFallBackToTheDefaults() {
        node.putDouble("tau", 7);
        assertEquals(DiagnosisOptions.defaults(), prefs.options());
    }

    @Test
    void nothingSavedGivesTheDefaults() {
        assertEquals(DiagnosisOptions.defaults(), prefs.options());
        assertTrue(prefs.recentFiles().isEmpty());
        assertTrue(Double.isNaN(prefs.windowBounds()[0]));
    }

    @Test
    void settingsWindowAndThemeAreRemembered() {
        DiagnosisOptions o = TestData.fastOptions().withBandwidth(0.7).withSeed(5);
        prefs.setOptions(o);
        prefs.setWindowBounds(10, 20, 1000, 700);
        prefs.setDividers(new double[] {0.2, 0.7});
        prefs.setDark(true);
        prefs.flush();
        WorkbenchPreferences again = new WorkbenchPreferences(node);
        assertEquals(o, again.options());
        assertArrayEquals(new double[] {10, 20, 1000, 700}, again.windowBounds());
        assertArrayEquals(new double[] {0.2, 0.7}, again.dividers());
        assertTrue(again.dark());
    }

    @Test
    void recentFilesAreMostRecentFirstWithoutDuplicatesAndBounded() {
        for (int i = 0; i < 10; i++) {
            prefs.addRecent(Path.of("/tmp/f" + i + ".csv"));
        }
        prefs.addRecent(Path.of("/tmp/f5.csv"));
        assertEquals(WorkbenchPreferences.MAX_RECENT, prefs.recentFiles().size());
        assertEquals(Path.of("/tmp/f5.csv"), prefs.recentFiles().get(0));
        assertEquals(Path.of("/tmp/f9.csv"), prefs.recentFiles().get(1));
        assertEquals(1, prefs.recentFiles().stream().filter(p -> p.endsWith("f5.csv")).count());
    }

    @Test
    void theModelPathDeviceAndDtypeAreRememberedAndAWorkbenchStartsWithThem() {
        assertEquals("", prefs.modelPath());
        assertEquals("cpu", prefs.modelDevice());
        assertEquals("auto", prefs.modelDtype());
        prefs.setModel("/models/stories15M/model.bin", "cuda:1");
        prefs.setModelDtype("float16");
        WorkbenchPreferences again = new WorkbenchPreferences(node);
        assertEquals("/models/stories15M/model.bin", again.modelPath());
        assertEquals("cuda:1", again.modelDevice());
        Workbench wb = new Workbench(new dev.cape.app.common.SameThreadTaskRunner(), again);
        assertEquals("/models/stories15M/model.bin", wb.model().pathProperty().get());
        assertEquals("cuda:1", wb.model().deviceProperty().get());
        assertEquals("float16", wb.model().dtypeProperty().get());
        prefs.setModelDtype(null);
        assertEquals("auto", prefs.modelDtype());
        prefs.setModel(null, " ");
        assertEquals("", prefs.modelPath());
        assertEquals("cpu", prefs.modelDevice());
    }
}
