package dev.cape.inference.model;

import static dev.cape.inference.Fixtures.assertClose;
import static dev.cape.inference.Fixtures.floats;
import static dev.cape.inference.Fixtures.ints;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.cape.inference.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * F32 weights on the CPU are tensors over a mapping of the checkpoint, which the model unmaps when it closes (not at
 * some later garbage collection). Checked in {@code /proc/self/maps} (Linux), on a private copy of a fixture so that
 * no other test's mapping of the same file can interfere.
 */
class WeightMappingTest {

    @Test
    void float32WeightsAreMappedWhileTheModelIsOpenAndUnmappedWhenItCloses(@TempDir Path dir) throws IOException {
        Path maps = Path.of("/proc/self/maps");
        Assumptions.assumeTrue(Files.isReadable(maps), "no /proc/self/maps (not Linux)");
        Assumptions.assumeTrue(WeightUploader.MAP_WEIGHTS, "mapping turned off with -Dcape.mmap=false");
        Path fixture = Fixtures.model("llama");
        Path copy = Files.createDirectory(dir.resolve("llama-copy"));
        try (Stream<Path> files = Files.list(fixture)) {
            for (Path f : files.toList()) {
                Files.copy(f, copy.resolve(f.getFileName()));
            }
        }
        String weights = copy.resolve("model.safetensors").toRealPath().toString();
        JsonObject exp = Fixtures.expected(fixture);
        LanguageModel m = LanguageModel.load(copy);
        try {
            assertTrue(Files.readString(maps).contains(weights), "the checkpoint is mapped while the model is open");
            JsonObject l3 = exp.getAsJsonObject("logits_last3");
            int p = l3.getAsJsonArray("positions").get(2).getAsInt();
            assertClose(floats(l3.getAsJsonArray("values").get(2)), m.forward(ints(exp.get("input_ids"))).row(0, p),
                    1e-4, "logits from mapped weights");
        } finally {
            m.close();
        }
        assertFalse(Files.readString(maps).contains(weights), "the checkpoint is unmapped when the model closes");
        assertThrows(IllegalStateException.class, () -> m.forward(new int[] {1, 2}), "a closed model refuses to run");
    }
}
