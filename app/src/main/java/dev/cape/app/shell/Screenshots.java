package dev.cape.app.shell;

import dev.cape.app.common.FxTaskRunner;
import dev.cape.app.workflow.charts.ChartExport;
import dev.cape.app.workflow.charts.ChartKind;
import dev.cape.app.workflow.charts.ChartStyle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.prefs.BackingStoreException;
import java.util.prefs.Preferences;
import javafx.application.Platform;
import javafx.embed.swing.SwingFXUtils;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javax.imageio.ImageIO;

/**
 * Renders the main window and every chart to PNG files without a display (JavaFX on Monocle's headless platform,
 * software rendering), and measures start-up and the chart update after a settings change on the way.
 */
public final class Screenshots {

    /**
     * What was written and measured.
     *
     * @param files         the PNG files
     * @param windowMillis  JVM start to the main window shown (before any analysis result)
     * @param startMillis   JVM start to the main window showing the charts of the bundled data
     * @param updateMillis  bandwidth change to the charts rebuilt with the quick result
     * @param renderMillis  bandwidth change to the window rendered with the new charts
     * @param computeMillis of the update: the quick pass in the background
     * @param buildMillis   of the update: building the seven charts on the FX thread
     * @param fullMillis    JVM start to the full permutation tests finished
     */
    public record Report(List<Path> files, long windowMillis, long startMillis, long updateMillis, long renderMillis,
                         long computeMillis, long buildMillis, long fullMillis, Map<String, Long> modelMillis) {
    }

    /** The model selected in the screenshots that show selection. */
    static final String SELECTED = "meta-llama/Llama-2-7b-hf";

    private Screenshots() {
    }

    /**
     * Renders into {@code dir}; charts are {@code width × height} pixels, the window 1400 × 900. Starts the JavaFX
     * toolkit on headless Monocle unless it is already running (then its platform is used as it is).
     */
    public static Report render(Path dir, int width, int height) throws Exception {
        return render(dir, width, height, null);
    }

    /**
     * As {@link #render(Path, int, int)}, and with a model (folder or {@code model.bin}) also the head inspector and
     * the three sections of the steering console after running them on it: a census on 100 items of the bundled
     * larger-than statements against generated additions and the attention pattern of layer 1 head 2 on a short
     * story, a direction from the bundled statements, a steered continuation of "Once upon a time" and an α sweep on
     * the direction's held-out split.
     */
    public static Report render(Path dir, int width, int height, Path model) throws Exception {
        System.setProperty("glass.platform", "Monocle");
        System.setProperty("monocle.platform", "Headless");
        System.setProperty("prism.order", "sw");
        System.setProperty("headless.geometry", "1400x900-32");
        Files.createDirectories(dir);
        CountDownLatch started = new CountDownLatch(1);
        try {
            Platform.startup(started::countDown);
        } catch (IllegalStateException alreadyRunning) {
            started.countDown();
        }
        started.await();
        Preferences node = Preferences.userRoot().node("dev/cape/screenshots");
        FxTaskRunner runner = new FxTaskRunner();
        Stage[] shown = new Stage[1];
        try {
            Workbench wb = onFx(() -> new Workbench(runner, new WorkbenchPreferences(cleared(node))));
            CountDownLatch quick = new CountDownLatch(1);
            CountDownLatch full = new CountDownLatch(1);
            Scene scene = onFx(() -> {
                wb.charts().chartsProperty().addListener((o, a, b) -> quick.countDown());
                wb.session().fullPendingProperty().addListener((o, a, b) -> {
                    if (!b) {
                        full.countDown();
                    }
                });
                Stage stage = new Stage();
                shown[0] = stage;
                stage.setWidth(1400);
                stage.setHeight(900);
                wb.loadBundled();
                return wb.show(stage);
            });
            long windowMillis = sinceJvmStart();
            await(quick, "the quick diagnosis");
            onFx(() -> scene.snapshot(null));
            long startMillis = sinceJvmStart();
            await(full, "the full diagnosis");
            long fullMillis = sinceJvmStart();
            long[] update = settingsChange(wb, scene);
            List<Path> files = new ArrayList<>();
            files.add(snapshot(scene, dir.resolve("main-window.png")));
            onFx(() -> {
                wb.session().select(Set.of(SELECTED));
                wb.window().charts().show(ChartKind.COUPLING);
                return null;
            });
            files.add(snapshot(scene, dir.resolve("main-window-coupling-selected.png")));
            awaitFamily(wb);   // the selection chose the selected model's family
            onFx(() -> {
                wb.window().charts().showTab("tab-family");
                return null;
            });
            files.add(snapshot(scene, dir.resolve("main-window-family.png")));
            onFx(() -> {
                wb.compare().otherProperty().set("Llama");
                wb.compare().compare();
                return null;
            });
            awaitFx(() -> wb.compare().resultProperty().get() != null && !wb.compare().runningProperty().get(),
                    wb.compare().errorProperty()::get, "the matched-scale comparison");
            onFx(() -> {
                var pane = (javafx.scene.control.TitledPane) scene.lookup("#family-compare-pane");
                pane.setAnimated(false);
                pane.setExpanded(true);
                return null;
            });
            onFx(() -> {
                scene.getRoot().applyCss();
                scene.getRoot().layout();
                ((javafx.scene.control.ScrollPane) scene.lookup("#family-scroll")).setVvalue(1);
                return null;
            });
            files.add(snapshot(scene, dir.resolve("main-window-family-compare.png")));
            Map<String, Long> modelMillis = new LinkedHashMap<>();
            if (model != null) {
                files.addAll(modelTabs(wb, scene, dir, model, modelMillis));
            }
            onFx(() -> {
                wb.charts().darkProperty().set(true);
                wb.window().charts().show(ChartKind.FOREST);
                return null;
            });
            files.add(snapshot(scene, dir.resolve("main-window-dark.png")));
            var result = onFx(() -> wb.session().resultProperty().get());
            for (ChartKind k : ChartKind.values()) {
                files.add(ChartExport.write(dev.cape.app.workflow.charts.WorkbenchCharts.build(k, result,
                        ChartStyle.plain()), dir.resolve(k.fileName() + ".png"), ChartExport.Format.PNG, width, height));
            }
            return new Report(files, windowMillis, startMillis, update[0], update[1], update[2], update[3], fullMillis,
                    modelMillis);
        } finally {
            runner.shutdown();
            if (shown[0] != null) {
                onFx(() -> {
                    shown[0].hide();
                    return null;
                });
            }
            node.removeNode();
        }
    }

    private static void awaitFamily(Workbench wb) throws Exception {
        awaitFx(() -> wb.family().resultProperty().get() != null && !wb.family().runningProperty().get(), () -> "",
                "the family diagnosis");
    }

    /** Runs and renders the model tabs; {@code millis} receives each run's wall time, click to result shown. */
    private static List<Path> modelTabs(Workbench wb, Scene scene, Path dir, Path model, Map<String, Long> millis)
            throws Exception {
        List<Path> files = new ArrayList<>();
        var heads = wb.heads();
        var steer = wb.steering();
        long t0 = System.nanoTime();
        onFx(() -> {
            wb.model().pathProperty().set(model.toString());
            heads.limitProperty().set(100);
            heads.run();
            wb.window().charts().showTab("tab-heads");
            return null;
        });
        awaitModel(wb, () -> heads.reportProperty().get() != null, heads.errorProperty()::get, "the head census");
        millis.put("head census (load + 100 + 100 items, 1,000 permutations)", (System.nanoTime() - t0) / 1_000_000);
        long t1 = System.nanoTime();
        onFx(() -> {
            heads.pattern().promptProperty().set("Lily saw a big red ball. Lily picked up the ball");
            heads.pattern().select(1, 2);
            heads.pattern().show();
            return null;
        });
        awaitModel(wb, () -> heads.pattern().patternProperty().get() != null, heads.pattern().errorProperty()::get,
                "the attention pattern");
        millis.put("attention pattern (one prompt)", (System.nanoTime() - t1) / 1_000_000);
        files.add(snapshot(scene, dir.resolve("main-window-heads.png")));
        long t2 = System.nanoTime();
        onFx(() -> {
            steer.direction().limitProperty().set(300);
            steer.direction().extract();
            wb.window().charts().showTab("tab-steering");
            return null;
        });
        awaitModel(wb, () -> steer.direction().reportProperty().get() != null, steer.direction().errorProperty()::get,
                "the direction");
        millis.put("truth direction (300 items, every layer)", (System.nanoTime() - t2) / 1_000_000);
        files.add(snapshot(scene, dir.resolve("main-window-steering-direction.png")));
        long t3 = System.nanoTime();
        onFx(() -> {
            steer.generation().promptProperty().set("Once upon a time");
            steer.generation().generate();
            section(scene, 1);
            return null;
        });
        awaitModel(wb, () -> !steer.generation().steeredProperty().get().isEmpty(),
                steer.generation().errorProperty()::get, "the steered generation");
        millis.put("steered generation (2 × 48 tokens)", (System.nanoTime() - t3) / 1_000_000);
        files.add(snapshot(scene, dir.resolve("main-window-steering-generate.png")));
        long t4 = System.nanoTime();
        onFx(() -> {
            steer.sweep().limitProperty().set(100);
            steer.sweep().run();
            section(scene, 2);
            return null;
        });
        awaitModel(wb, () -> steer.sweep().resultProperty().get() != null, steer.sweep().errorProperty()::get,
                "the steering sweep");
        millis.put("steering sweep (100 held-out items, 5 alphas)", (System.nanoTime() - t4) / 1_000_000);
        files.add(snapshot(scene, dir.resolve("main-window-steering-evaluate.png")));
        return files;
    }

    private static void section(Scene scene, int index) {
        ((javafx.scene.control.TabPane) scene.lookup("#steering-sections")).getSelectionModel().select(index);
    }

    private static void awaitModel(Workbench wb, java.util.function.BooleanSupplier done,
            java.util.function.Supplier<String> error, String what) throws Exception {
        awaitFx(() -> done.getAsBoolean() && !wb.model().runningProperty().get(),
                () -> error.get().isEmpty() ? wb.model().errorProperty().get() : error.get(), what);
    }

    /** Waits (off the FX thread) until {@code done} holds; fails with the error when one appears. */
    private static void awaitFx(java.util.function.BooleanSupplier done, java.util.function.Supplier<String> error,
            String what) throws Exception {
        long deadline = System.nanoTime() + 300_000_000_000L;
        while (!onFx(done::getAsBoolean)) {
            String e = onFx(error::get);
            if (e != null && !e.isEmpty()) {
                throw new IllegalArgumentException(what + " failed: " + e);   // the model or its data, as the tab says
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException(what + " did not finish within 300 s");
            }
            Thread.sleep(50);
        }
        onFx(() -> null);   // let the views catch up before the snapshot
    }

    /** Stops the JavaFX toolkit after {@link #render}; the process can then exit. */
    public static void exitToolkit() {
        Platform.exit();
    }

    /** Changes the bandwidth 0.4 → 0.5 and back to 0.4: milliseconds to the charts rebuilt and to the window drawn. */
    private static long[] settingsChange(Workbench wb, Scene scene) throws Exception {
        CountDownLatch rebuilt = new CountDownLatch(1);
        long[] t = new long[5];
        onFx(() -> {
            wb.charts().chartsProperty().addListener((o, a, b) -> {
                if (rebuilt.getCount() > 0) {
                    t[1] = System.nanoTime();
                    scene.snapshot(null);
                    t[2] = System.nanoTime();
                    t[3] = wb.session().lastQuickMillisProperty().get();
                    t[4] = wb.charts().lastBuildMillisProperty().get();
                    rebuilt.countDown();
                }
            });
            t[0] = System.nanoTime();
            wb.settings().bandwidthProperty().set(0.5);
            return null;
        });
        await(rebuilt, "the charts after a settings change");
        CountDownLatch back = new CountDownLatch(1);
        onFx(() -> {
            wb.session().fullPendingProperty().addListener((o, a, b) -> {
                if (!b) {
                    back.countDown();
                }
            });
            wb.settings().bandwidthProperty().set(0.4);
            return null;
        });
        await(back, "the diagnosis with the bandwidth restored");
        return new long[] {(t[1] - t[0]) / 1_000_000, (t[2] - t[0]) / 1_000_000, t[3], t[4]};
    }

    private static long sinceJvmStart() {
        return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    }

    private static Path snapshot(Scene scene, Path file) throws Exception {
        var image = onFx(() -> scene.snapshot(null));
        try {
            ImageIO.write(SwingFXUtils.fromFXImage(image, null), "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
        return file;
    }

    private static Preferences cleared(Preferences node) {
        try {
            node.clear();
        } catch (BackingStoreException e) {
            throw new IllegalStateException("cannot reset the screenshot preferences: " + e.getMessage(), e);
        }
        return node;
    }

    private static void await(CountDownLatch latch, String what) throws InterruptedException {
        if (!latch.await(10, TimeUnit.MINUTES)) {
            throw new IllegalStateException("timed out waiting for " + what);
        }
    }

    private static <T> T onFx(java.util.concurrent.Callable<T> c) throws Exception {
        FutureTask<T> task = new FutureTask<>(c);
        Platform.runLater(task);
        return task.get();
    }
}
