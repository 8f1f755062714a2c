package dev.cape.app.shell;

import dev.cape.analysis.diagnosis.DiagnosisOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;

/** What the workbench remembers between runs: window bounds and dividers, theme, recent files and settings. */
public final class WorkbenchPreferences {

    /** Recent files kept. */
    public static final int MAX_RECENT = 8;

    private final Preferences node;

    public WorkbenchPreferences(Preferences node) {
        this.node = node;
    }

    /** The user's preferences for the workbench. */
    public static WorkbenchPreferences user() {
        return new WorkbenchPreferences(Preferences.userRoot().node("dev/cape/workbench"));
    }

    /** Window bounds x, y, width, height; the defaults when none were saved. */
    public double[] windowBounds() {
        return new double[] {node.getDouble("x", Double.NaN), node.getDouble("y", Double.NaN),
            node.getDouble("width", 1400), node.getDouble("height", 900)};
    }

    public void setWindowBounds(double x, double y, double w, double h) {
        node.putDouble("x", x);
        node.putDouble("y", y);
        node.putDouble("width", w);
        node.putDouble("height", h);
    }

    public double[] dividers() {
        return new double[] {node.getDouble("divider0", 0.30), node.getDouble("divider1", 0.79)};
    }

    public void setDividers(double[] positions) {
        for (int i = 0; i < Math.min(2, positions.length); i++) {
            node.putDouble("divider" + i, positions[i]);
        }
    }

    public boolean dark() {
        return node.getBoolean("dark", false);
    }

    public void setDark(boolean dark) {
        node.putBoolean("dark", dark);
    }

    public List<Path> recentFiles() {
        String s = node.get("recent", "");
        return s.isEmpty() ? List.of() : Arrays.stream(s.split("\n")).map(Path::of).toList();
    }

    /** Moves a file to the front of the recent files. */
    public void addRecent(Path file) {
        List<Path> r = new ArrayList<>(recentFiles());
        r.remove(file.toAbsolutePath());
        r.add(0, file.toAbsolutePath());
        node.put("recent", String.join("\n", r.stream().limit(MAX_RECENT).map(Path::toString).toList()));
    }

    /** The settings of the last run, or the defaults (also when the saved ones are no longer valid). */
    /** The model folder or {@code model.bin} of the model tabs, and its device; empty and "cpu" at first. */
    public String modelPath() {
        return node.get("modelPath", "");
    }

    public String modelDevice() {
        return node.get("modelDevice", "cpu");
    }

    public void setModel(String path, String device) {
        node.put("modelPath", path == null ? "" : path);
        node.put("modelDevice", device == null || device.isBlank() ? "cpu" : device);
    }

    /** The model's dtype: auto (float32 on the CPU, float16 on a GPU), float32 or float16; auto at first. */
    public String modelDtype() {
        return node.get("modelDtype", "auto");
    }

    public void setModelDtype(String dtype) {
        node.put("modelDtype", dtype == null || dtype.isBlank() ? "auto" : dtype);
    }

    public DiagnosisOptions options() {
        DiagnosisOptions d = DiagnosisOptions.defaults();
        try {
            return new DiagnosisOptions(List.of(node.get("reasoning", String.join(",", d.reasoning())).split(",")),
                    node.get("truth", d.truth()), node.getDouble("bandwidth", d.bandwidth()),
                    node.getDouble("tau", d.tau()), node.getInt("permutations", d.permutations()),
                    node.getInt("bootstrap", d.bootstrap()), node.getInt("familyBootstrap", d.familyBootstrap()),
                    d.selection(), node.getLong("seed", d.seed()));
        } catch (IllegalArgumentException e) {
            return d;
        }
    }

    public void setOptions(DiagnosisOptions o) {
        node.put("reasoning", String.join(",", o.reasoning()));
        node.put("truth", o.truth());
        node.putDouble("bandwidth", o.bandwidth());
        node.putDouble("tau", o.tau());
        node.putInt("permutations", o.permutations());
        node.putInt("bootstrap", o.bootstrap());
        node.putInt("familyBootstrap", o.familyBootstrap());
        node.putLong("seed", o.seed());
    }

    /** Writes the preferences to the backing store; failures leave the previous ones in place. */
    public void flush() {
        try {
            node.flush();
        } catch (BackingStoreException e) {
            // preferences are a convenience: a read-only home directory must not stop the workbench
            System.err.println("cape: preferences not saved: " + e.getMessage());
        }
    }
}
