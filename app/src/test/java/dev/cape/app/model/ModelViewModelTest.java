package dev.cape.app.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.app.common.SameThreadTaskRunner;
import dev.cape.inference.model.LanguageModel;
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
        assertEquals("812", ModelViewModel.parameters(812));
        assertEquals("15.2 M", ModelViewModel.parameters(15_191_712));
        assertEquals("6.74 B", ModelViewModel.parameters(6_738_415_616L));
    }
}
