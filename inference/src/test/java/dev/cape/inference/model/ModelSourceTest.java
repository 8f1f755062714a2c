package dev.cape.inference.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.inference.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@link ModelSource#detect} accepts and refuses: the one entry point behind {@code --model PATH}. */
class ModelSourceTest {

    private static String refusal(Path path) {
        return assertThrows(ModelLoadException.class, () -> ModelSource.detect(path)).getMessage();
    }

    @Test
    void missingPathIsRefusedListingTheAcceptedLayouts(@TempDir Path dir) {
        String m = refusal(dir.resolve("nope"));
        assertTrue(m.contains("does not exist") && m.contains(ModelSource.EXPECTED), m);
    }

    @Test
    void folderOfUnknownLayoutIsRefusedListingWhatWasExpectedAndFound(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("weights.npz"), "x");
        Files.writeString(dir.resolve("README.md"), "x");
        String m = refusal(dir);
        assertTrue(m.contains("no config.json and no model.bin") && m.contains(ModelSource.EXPECTED), m);
        assertTrue(m.contains("README.md, weights.npz"), m);
    }

    @Test
    void pickleModelBinInAFolderIsRefusedByThePickleGuard(@TempDir Path dir) throws IOException {
        Files.write(dir.resolve("model.bin"), new byte[] {(byte) 0x80, 2, 'c', 'x'});
        String m = refusal(dir);
        assertTrue(m.contains("a pickle, protocol 2") && m.contains("arbitrary code"), m);
    }

    @Test
    void hfFolderWithOnlyAPickleCheckpointIsRefusedByThePickleGuard(@TempDir Path dir) throws IOException {
        Files.copy(Fixtures.model("llama").resolve("config.json"), dir.resolve("config.json"));
        Files.write(dir.resolve("pytorch_model.bin"), new byte[] {'P', 'K', 3, 4, 0, 0});
        String m = refusal(dir);
        assertTrue(m.contains("pytorch_model.bin") && m.contains("zip archive") && m.contains("arbitrary code")
                && m.contains("safe_serialization=True"), m);
    }

    @Test
    void hfFolderWithoutWeightsIsRefusedNamingTheExpectedFiles(@TempDir Path dir) throws IOException {
        Files.copy(Fixtures.model("llama").resolve("config.json"), dir.resolve("config.json"));
        String m = refusal(dir);
        assertTrue(m.contains("no model.safetensors and no model.safetensors.index.json"), m);
    }

    @Test
    void pickleFilesGivenDirectlyAreRefused(@TempDir Path dir) throws IOException {
        Path pt = Files.write(dir.resolve("weights.pt"), new byte[] {1, 2, 3, 4});
        assertTrue(refusal(pt).contains("arbitrary code"));
        Path bin = Files.write(dir.resolve("pytorch_model.bin"), new byte[] {(byte) 0x80, 4, 0, 0});
        assertTrue(refusal(bin).contains("protocol 4"));
    }

    @Test
    void otherFilesAreRefusedListingTheAcceptedLayouts() {
        String m = refusal(Fixtures.model("llama").resolve("model.safetensors"));
        assertTrue(m.contains("is a file but not a llama2.c model.bin") && m.contains(ModelSource.EXPECTED), m);
    }

    @Test
    void hfFoldersNameTheirWeightFilesAndTokenizer() {
        Path single = Fixtures.model("llama");
        ModelSource s = ModelSource.detect(single);
        assertEquals(ModelSource.Format.HF_SAFETENSORS, s.format());
        assertEquals(List.of(single.resolve("model.safetensors")), s.weightFiles());
        assertEquals(Optional.of(single.resolve("tokenizer.json")), s.tokenizer());

        ModelSource sharded = ModelSource.detect(Fixtures.model("llama-sharded"));
        assertEquals(2, sharded.weightFiles().size(), sharded.weightFiles().toString());
        long sum = 0;
        for (Path p : sharded.weightFiles()) {
            sum += p.toFile().length();
        }
        assertEquals(sum, sharded.weightFileBytes());
    }

    @Test
    void loadingAnUnknownLayoutFailsBeforeAnyNativeWork(@TempDir Path dir) {
        String m = assertThrows(ModelLoadException.class, () -> LanguageModel.load(dir)).getMessage();
        assertTrue(m.contains(ModelSource.EXPECTED), m);
    }
}
