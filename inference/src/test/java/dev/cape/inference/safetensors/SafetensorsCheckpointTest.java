package dev.cape.inference.safetensors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.inference.Fixtures;
import dev.cape.inference.model.ModelLoadException;
import dev.cape.inference.model.Widening;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Folder-level loading: single file, shard index, and refusal of pickle checkpoints. */
class SafetensorsCheckpointTest {

    @TempDir
    Path dir;

    @Test
    void folderWithoutWeightsIsRefused() {
        String m = assertThrows(ModelLoadException.class, () -> SafetensorsCheckpoint.open(dir)).getMessage();
        assertTrue(m.contains("has no model.safetensors"), m);
    }

    @Test
    void pickleCheckpointIsRefusedSayingWhyAndHowToConvert() throws IOException {
        Files.write(dir.resolve("pytorch_model.bin"), new byte[] {'P', 'K', 3, 4, 0, 0});
        String m = assertThrows(ModelLoadException.class, () -> SafetensorsCheckpoint.open(dir)).getMessage();
        assertTrue(m.contains("pytorch_model.bin") && m.contains("arbitrary code")
                && m.contains("safe_serialization=True"), m);
    }

    @Test
    void rawPickleAndPtFilesAreDetectedButLlama2cHeadersAreNot() throws IOException {
        Files.write(dir.resolve("a.bin"), new byte[] {(byte) 0x80, 2, 'c', 0});
        Files.write(dir.resolve("b.pt"), new byte[] {0});
        Files.write(dir.resolve("model.bin"), new byte[] {32, 1, 0, 0, 0, 3, 0, 0});  // int32 dim = 288
        assertEquals(2, SafetensorsCheckpoint.pickleCheckpoints(dir).size());
    }

    @Test
    void shardIndexPointingToAMissingFileIsRefused() throws IOException {
        Files.writeString(dir.resolve(SafetensorsCheckpoint.INDEX_FILE),
                "{\"weight_map\": {\"w\": \"model-00001-of-00002.safetensors\"}}");
        String m = assertThrows(ModelLoadException.class, () -> SafetensorsCheckpoint.open(dir)).getMessage();
        assertTrue(m.contains("tensor 'w'") && m.contains("missing file"), m);
    }

    @Test
    void malformedShardIndexIsRefused() throws IOException {
        Files.writeString(dir.resolve(SafetensorsCheckpoint.INDEX_FILE), "{\"weight_map\": ");
        String m = assertThrows(ModelLoadException.class, () -> SafetensorsCheckpoint.open(dir)).getMessage();
        assertTrue(m.contains("not valid JSON"), m);
    }

    @Test
    void shardedFixtureHoldsTheSameTensorsAsTheSingleFile() {
        try (SafetensorsCheckpoint sharded = SafetensorsCheckpoint.open(Fixtures.model("llama-sharded"));
                SafetensorsCheckpoint single = SafetensorsCheckpoint.open(Fixtures.model("llama"))) {
            assertEquals(2, sharded.files().size());
            assertEquals(single.names(), sharded.names());
            for (String n : single.names()) {
                assertTrue(java.util.Arrays.equals(Widening.toFloats(single.get(n)),
                        Widening.toFloats(sharded.get(n))), n);
            }
        }
    }

    @Test
    void positionalReadGivesTheSameBytesAsTheMapping() {
        for (String fixture : new String[] {"llama", "llama-sharded", "gemma2"}) {
            try (SafetensorsCheckpoint c = SafetensorsCheckpoint.open(Fixtures.model(fixture))) {
                for (String n : c.names()) {
                    java.nio.ByteBuffer mapped = c.get(n).data();
                    java.nio.ByteBuffer read = java.nio.ByteBuffer.allocateDirect(mapped.remaining() + 3);
                    read.put((byte) 7);  // from the buffer's position, not its start
                    c.read(n, read);
                    assertEquals(1 + mapped.remaining(), read.position(), n);
                    read.flip().position(1);
                    assertEquals(mapped, read, fixture + " " + n);
                }
            }
        }
    }
}
