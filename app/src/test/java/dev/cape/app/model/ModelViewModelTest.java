package dev.cape.app.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.app.common.SameThreadTaskRunner;
import dev.cape.inference.model.LanguageModel;
import dev.cape.inference.model.ModelDtype;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shared model: loading on first use, reuse, reload on a new path, refusals, and errors naming the file. */
class ModelViewModelTest {

    @TempDir
    Path dir;

    final SameThreadTaskRunner runner = new SameThreadTaskRunner();
    final ModelViewModel vm = new ModelViewModel(runner);
    final List<Throwable> failures = new ArrayList<>();
    Path gpt2;

    @BeforeEach
    void fixture() {
        gpt2 = Path.of(System.getProperty("cape.shared.dir", "../shared"), "fixtures/tiny-models/gpt2");
    }

    @AfterEach
    void close() {
        vm.close();
    }

    @Test
    void runWithoutAModelIsRefusedWithAMessage() {
        vm.run("job", (m, p) -> 1, v -> { }, failures::add);
        assertEquals(1, failures.size());
        assertEquals("choose a model folder or model.bin first", vm.errorProperty().get());
        assertEquals(0, runner.started());
    }

    @Test
    void aFolderWithoutConfigFailsNamingIt() throws Exception {
        Path empty = Files.createDirectories(dir.resolve("empty-model"));
        vm.pathProperty().set(empty.toString());
        vm.load();
        assertTrue(vm.errorProperty().get().contains("empty-model"), vm.errorProperty().get());
        assertFalse(vm.runningProperty().get());
        assertEquals("no model loaded", vm.descriptionProperty().get());
    }

    @Test
    void aPickleCheckpointIsRefusedSayingWhyAndNothingRuns() throws Exception {
        Path folder = Files.createDirectories(dir.resolve("pickled"));
        Files.writeString(folder.resolve("config.json"), "{\"model_type\": \"llama\"}");
        Files.write(folder.resolve("pytorch_model.bin"), new byte[] {(byte) 0x80, 2, 'c', 'o', 's'});
        List<Integer> ran = new ArrayList<>();
        vm.pathProperty().set(folder.toString());
        vm.run("job", (m, p) -> ran.add(1), v -> { }, failures::add);
        assertEquals(List.of(), ran);
        assertEquals(1, failures.size());
        assertTrue(vm.errorProperty().get().contains("arbitrary code"), vm.errorProperty().get());
        assertTrue(vm.errorProperty().get().contains("pytorch_model.bin"), vm.errorProperty().get());
        assertEquals("no model loaded", vm.descriptionProperty().get());
        assertEquals(0, vm.layersProperty().get());
    }

    @Test
    void aGpuDeviceWithoutAGpuIsReportedInTheModelRow() {
        Assumptions.assumeTrue(Files.isDirectory(gpt2), "reference fixtures absent: " + gpt2.toAbsolutePath());
        Assumptions.assumeTrue(ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount() == 0, "a GPU is present");
        vm.pathProperty().set(gpt2.toString());
        vm.deviceProperty().set("cuda");
        vm.load();
        assertTrue(vm.errorProperty().get().startsWith("device cuda: no GPU is usable"), vm.errorProperty().get());
        assertEquals("no model loaded", vm.descriptionProperty().get());
        vm.deviceProperty().set("gpu2");
        vm.load();
        assertEquals("device must be cpu, cuda or cuda:N: gpu2", vm.errorProperty().get());
    }

    @Test
    void theDtypeIsUsedAndChangingItReloads() {
        Assumptions.assumeTrue(Files.isDirectory(gpt2), "reference fixtures absent: " + gpt2.toAbsolutePath());
        vm.pathProperty().set(gpt2.toString());
        List<LanguageModel> seen = new ArrayList<>();
        vm.run("auto", (m, p) -> m, seen::add, failures::add);
        assertEquals(ModelDtype.FLOAT32, seen.get(0).dtype(), "auto is float32 on the CPU");
        vm.dtypeProperty().set("float32");
        vm.run("same", (m, p) -> m, seen::add, failures::add);
        assertSame(seen.get(0), seen.get(1), "auto and float32 are one model on the CPU: no reload");
        vm.dtypeProperty().set("float16");
        vm.run("half", (m, p) -> m, seen::add, failures::add);
        assertEquals(List.of(), failures);
        assertEquals(ModelDtype.FLOAT16, seen.get(2).dtype());
        assertTrue(vm.descriptionProperty().get().endsWith("FLOAT16"), vm.descriptionProperty().get());
        vm.dtypeProperty().set("float8");
        vm.run("bad", (m, p) -> m, seen::add, failures::add);
        assertEquals(1, failures.size());
        assertTrue(vm.errorProperty().get().contains("float8"), vm.errorProperty().get());
    }

    @Test
    void jobsReuseTheLoadedModelUntilThePathChanges() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(gpt2), "reference fixtures absent: " + gpt2.toAbsolutePath());
        vm.pathProperty().set(gpt2.toString());
        List<LanguageModel> seen = new ArrayList<>();
        vm.run("first", (m, p) -> m, seen::add, failures::add);
        vm.run("second", (m, p) -> m, seen::add, failures::add);
        assertEquals(List.of(), failures);
        assertSame(seen.get(0), seen.get(1));
        assertTrue(vm.descriptionProperty().get().startsWith("gpt2 · gpt2 · "), vm.descriptionProperty().get());
        assertEquals("second: done", vm.statusProperty().get());
        assertEquals(seen.get(0).spec().nLayers(), vm.layersProperty().get());
        assertEquals(seen.get(0).spec().nHeads(), vm.headsProperty().get());

        Path copy = Files.createDirectories(dir.resolve("copy"));
        try (var files = Files.list(gpt2)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        vm.pathProperty().set(copy.toString());
        vm.run("third", (m, p) -> m, seen::add, failures::add);
        assertEquals(3, seen.size());
        assertFalse(seen.get(2) == seen.get(0), "a new path loads a new model");
        assertTrue(vm.descriptionProperty().get().startsWith("copy · gpt2"), vm.descriptionProperty().get());
    }

    @Test
    void aFailingJobReportsItsMessageAndKeepsTheModel() {
        Assumptions.assumeTrue(Files.isDirectory(gpt2), "reference fixtures absent: " + gpt2.toAbsolutePath());
        vm.pathProperty().set(gpt2.toString());
        vm.load();
        vm.run("bad", (m, p) -> {
            throw new IllegalArgumentException("data.csv: line 3: label must be 0 or 1: maybe");
        }, v -> { }, failures::add);
        assertEquals(1, failures.size());
        assertEquals("data.csv: line 3: label must be 0 or 1: maybe", vm.errorProperty().get());
        assertTrue(vm.descriptionProperty().get().startsWith("gpt2 · "), vm.descriptionProperty().get());
    }

    @Test
    void parameterCountsReadAsTheFieldWritesThem() {
        assertEquals("812", LoadedModel.parameters(812));
        assertEquals("15.2 M", LoadedModel.parameters(15_191_712));
        assertEquals("6.74 B", LoadedModel.parameters(6_738_415_616L));
    }

    @Test
    void aJobStartedAfterACancelWaitsUntilTheCancelledOneLetsGoOfTheModel() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(gpt2), "reference fixtures absent: " + gpt2.toAbsolutePath());
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newCachedThreadPool();
        try {
            ModelViewModel threaded = new ModelViewModel(new PoolRunner(pool));
            threaded.pathProperty().set(gpt2.toString());
            java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
            java.util.concurrent.atomic.AtomicBoolean firstInside = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.CompletableFuture<Boolean> overlapSeen = new java.util.concurrent.CompletableFuture<>();
            threaded.run("first", (m, p) -> {
                firstInside.set(true);
                entered.countDown();
                while (release.getCount() > 0) {   // like a libtorch call: deaf to the interrupt
                    Thread.onSpinWait();
                }
                firstInside.set(false);
                return 1;
            }, v -> { }, failures::add);
            assertTrue(entered.await(60, java.util.concurrent.TimeUnit.SECONDS));
            threaded.cancel();
            assertFalse(threaded.runningProperty().get());
            threaded.run("second", (m, p) -> {
                overlapSeen.complete(firstInside.get());
                return 2;
            }, v -> { }, failures::add);
            Thread.sleep(200);
            assertFalse(overlapSeen.isDone(), "the second job waits for the model");
            release.countDown();
            assertEquals(Boolean.FALSE, overlapSeen.get(60, java.util.concurrent.TimeUnit.SECONDS));
            threaded.close();
        } finally {
            pool.shutdownNow();
        }
    }

    /** A runner on a thread pool whose cancel interrupts the job and drops its callbacks, as the FX runner does. */
    private record PoolRunner(java.util.concurrent.ExecutorService pool) implements dev.cape.app.common.TaskRunner {
        @Override
        public <T> dev.cape.app.common.TaskHandle run(String title, dev.cape.app.common.BackgroundJob<T> job,
                dev.cape.app.common.TaskCallbacks<T> callbacks) {
            java.util.concurrent.atomic.AtomicBoolean cancelled = new java.util.concurrent.atomic.AtomicBoolean();
            java.util.concurrent.Future<?> f = pool.submit(() -> {
                try {
                    T value = job.call((task, done, total) -> { });
                    if (!cancelled.get()) {
                        callbacks.onSuccess().accept(value);
                    }
                } catch (Exception e) {
                    if (!cancelled.get()) {
                        callbacks.onFailure().accept(e);
                    }
                }
            });
            return () -> {
                cancelled.set(true);
                f.cancel(true);
            };
        }
    }
}
