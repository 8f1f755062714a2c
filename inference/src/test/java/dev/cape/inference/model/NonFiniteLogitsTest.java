package dev.cape.inference.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.inference.Fixtures;
import dev.cape.inference.safetensors.SafetensorsFile;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A model whose weights hold NaN is refused at its first logits, not turned into NaN scores or arbitrary tokens. */
class NonFiniteLogitsTest {

    @TempDir
    Path dir;

    @Test
    void logitsHoldingNaNOrPlusInfinityAreRefusedNamingWhere() {
        float[] data = new float[2 * 3 * 4];
        data[1 * 12 + 2 * 4 + 3] = Float.NaN;
        ModelLoadException e = assertThrows(ModelLoadException.class, () -> new Logits(2, 3, 4, data));
        assertTrue(e.getMessage().contains("hold NaN (batch row 1, position 2, token 3)"), e.getMessage());
        float[] inf = new float[4];
        inf[0] = Float.POSITIVE_INFINITY;
        assertThrows(ModelLoadException.class, () -> new Logits(1, 1, 4, inf));
        float[] masked = {Float.NEGATIVE_INFINITY, 0, 1, 2};
        new Logits(1, 1, 4, masked);   // a token ruled out is not an error
    }

    @Test
    void aNaNWeightIsRefusedAtTheFirstForward() throws IOException {
        Path model = dir.resolve("llama");
        Files.createDirectories(model);
        try (var files = Files.list(Fixtures.model("llama"))) {
            for (Path f : files.toList()) {
                Files.copy(f, model.resolve(f.getFileName()));
            }
        }
        Path weights = model.resolve("model.safetensors");
        long offset;
        try (SafetensorsFile f = SafetensorsFile.open(weights)) {
            offset = f.locate("model.norm.weight").offset();
        }
        try (RandomAccessFile raf = new RandomAccessFile(weights.toFile(), "rw")) {
            raf.seek(offset);
            raf.write(new byte[] {0, 0, (byte) 0xc0, 0x7f});   // float32 NaN, little-endian
        }
        try (LanguageModel lm = LanguageModel.load(model)) {
            ModelLoadException e = assertThrows(ModelLoadException.class, () -> lm.forward(new int[] {1, 2, 3}));
            assertTrue(e.getMessage().contains("logits hold NaN") && e.getMessage().contains("--dtype float32"),
                    e.getMessage());
        }
    }
}
