package dev.cape.inference.eval;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.inference.Fixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Telling a model (folder or llama2.c file) from a data file by its names and header, without loading it. */
class ModelFilesTest {

    @TempDir
    Path dir;

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
        Path bin = Files.write(folder.resolve("model.bin"), Fixtures.tinyLlama2c());
        assertTrue(ModelFiles.looksLikeModel(bin));
        assertTrue(ModelFiles.looksLikeModel(folder));
        Path other = Files.write(dir.resolve("weights.dat"), Fixtures.tinyLlama2c());
        assertFalse(ModelFiles.looksLikeModel(other), "only .bin files are read as llama2.c checkpoints");
    }
}
