package dev.cape.inference.eval;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.inference.Fixtures;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Telling a model (folder or llama2.c file) from a data file by its names and header, without loading it. */
class ModelFilesTest {

    @TempDir
    Path dir;

    /** A consistent llama2.c v0 checkpoint: dim 4, hidden 4, 1 layer, 2 heads, 2 kv heads, vocab 3, seq 2, zeros. */
    private static byte[] tinyLlama2c() {
        int floats = 3 * 4 + 4 + 4 * 4 * 4 + 4 + 3 * 4 * 4 + 4 + 2 * 2;
        ByteBuffer b = ByteBuffer.allocate(28 + floats * 4).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(4).putInt(4).putInt(1).putInt(2).putInt(2).putInt(3).putInt(2);
        return b.array();
    }

    @Test
    void dataFilesPickleCheckpointsAndEmptyFoldersAreNotModels() throws Exception {
        assertFalse(ModelFiles.looksLikeModel(Files.writeString(dir.resolve("scores.csv"), "model,family\n")));
        assertFalse(ModelFiles.looksLikeModel(Files.createDirectories(dir.resolve("empty"))));
        assertFalse(ModelFiles.looksLikeModel(Files.write(dir.resolve("pytorch_model.bin"),
                new byte[] {(byte) 0x80, 2, 'c', 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
                    0, 0, 0, 0})));
        assertFalse(ModelFiles.looksLikeModel(dir.resolve("missing")));
    }

    @Test
    void aHuggingFaceFolderAndALlama2cFileOrFolderAreModels() throws Exception {
        assertTrue(ModelFiles.looksLikeModel(Fixtures.model("gpt2")));
        Path folder = Files.createDirectories(dir.resolve("stories"));
        Path bin = Files.write(folder.resolve("model.bin"), tinyLlama2c());
        assertTrue(ModelFiles.looksLikeModel(bin));
        assertTrue(ModelFiles.looksLikeModel(folder));
        Path other = Files.write(dir.resolve("weights.dat"), tinyLlama2c());
        assertFalse(ModelFiles.looksLikeModel(other), "only .bin files are read as llama2.c checkpoints");
    }
}
