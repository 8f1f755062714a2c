package dev.cape.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.inference.model.LanguageModel;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cape bench forward} and the random llama it builds. */
class BenchForwardTest {

    @Test
    void modelOrRandomLlamaIsRequired() {
        CliRun r = CliRun.of("bench", "forward");
        assertEquals(CapeCommand.EXIT_USAGE, r.exitCode());
        assertTrue(r.err().contains("--model") && r.err().contains("--random-llama"), r.err());
    }

    @Test
    void unknownRandomSizeIsAUsageError() {
        CliRun r = CliRun.of("bench", "forward", "--random-llama", "7b");
        assertEquals(CapeCommand.EXIT_USAGE, r.exitCode());
        assertTrue(r.err().contains("--random-llama must be 125m or tiny"), r.err());
    }

    @Test
    void randomLlama125mHasTheAdvertisedSize() {
        // embed 32000·768 + lm_head 32000·768 + 12 × (q 768² + k,v 2·256·768 + o 768² + MLP 3·2048·768 + 2·768) + 768
        long expected = 2L * 32000 * 768 + 12L * (2 * 768 * 768 + 2 * 256 * 768 + 3 * 2048 * 768 + 2 * 768) + 768;
        assertEquals(124_668_672L, expected);
        assertEquals(expected, RandomLlama.of("125m").parameters());
    }

    @Test
    void writtenRandomLlamaLoadsWithItsParameterCountAndIsSeeded(@TempDir Path dir) throws Exception {
        RandomLlama tiny = RandomLlama.of("tiny");
        Path a = tiny.write(dir.resolve("a"), 5);
        Path b = tiny.write(dir.resolve("b"), 5);
        Path c = tiny.write(dir.resolve("c"), 6);
        assertEquals(-1, Files.mismatch(a.resolve("model.safetensors"), b.resolve("model.safetensors")));
        assertTrue(Files.mismatch(a.resolve("model.safetensors"), c.resolve("model.safetensors")) >= 0);
        try (LanguageModel m = LanguageModel.load(a)) {
            assertEquals(tiny.parameters(), m.parameterCount());
            assertEquals(tiny.vocab(), m.forward(new int[] {1, 2, 3}).last(0).length);
        }
    }

    @Test
    void benchRunsInFloat16AndSaysSo() {
        CliRun r = CliRun.of("bench", "forward", "--random-llama", "tiny", "--prefill", "4", "--decode", "2", "--runs",
                "1", "--threads", "1", "--no-profile", "--dtype", "float16");
        assertEquals(CapeCommand.EXIT_OK, r.exitCode(), r.err());
        assertTrue(r.out().contains("dtype float16") && r.out().contains("held as float16"), r.out());
    }

    @Test
    void benchPrintsEveryFigure() {
        CliRun r = CliRun.of("bench", "forward", "--random-llama", "tiny", "--prefill", "8", "--decode", "4", "--runs",
                "1", "--threads", "1");
        assertEquals(CapeCommand.EXIT_OK, r.exitCode(), r.err());
        for (String figure : new String[] {"read from page cache:", "load:", "parameters =", "prefill (batch 1 x 8",
                "decode with KV cache (4 tokens", "tokens/s", "peak RSS (VmHWM):", "in libtorch calls",
            "unembedding: contiguous [64, 512] copy"}) {
            assertTrue(r.out().contains(figure), figure + " missing in:\n" + r.out());
        }
    }
}
