package dev.cape.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Out-of-range option values of the model commands are exit 2 with the option's own name, before anything is
 * loaded: the model path here does not exist, so a check that came later would report that instead.
 */
class BadOptionCliTest {

    @TempDir
    Path dir;

    private void refused(String expected, String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(CapeCommand.EXIT_USAGE, run.exitCode(), run.err());
        assertEquals("cape: " + expected, run.err().strip());
    }

    private String absent() {
        return dir.resolve("no-model").toString();
    }

    @Test
    void negativeLimitIsRefused() {
        refused("--limit must be >= 0: -1", "direction", "--model", absent(), "--data", "bundled:larger_than",
                "--limit", "-1", "--out", dir.resolve("v.safetensors").toString());
        refused("--limit must be >= 0: -5", "heads", "--model", absent(), "--truth", "bundled:larger_than",
                "--reasoning", "generated:addition", "--limit", "-5");
    }

    @Test
    void testShareOutsideTheOpenUnitIntervalIsRefused() {
        refused("--test-share must be in (0, 1): 1.5", "direction", "--model", absent(), "--data",
                "bundled:larger_than", "--test-share", "1.5", "--out", dir.resolve("v.safetensors").toString());
    }

    @Test
    void zeroBatchIsRefused() {
        refused("--batch must be >= 1: 0", "direction", "--model", absent(), "--data", "bundled:larger_than",
                "--batch", "0", "--out", dir.resolve("v.safetensors").toString());
    }

    @Test
    void samplingSettingsAreNamedAsOptions() {
        refused("--max-tokens must be >= 1: 0", "generate", "--model", absent(), "--prompt", "x", "--max-tokens", "0");
        refused("--top-p must be in (0, 1]: 1.5", "generate", "--model", absent(), "--prompt", "x", "--top-p", "1.5");
        refused("--temperature must be a finite number >= 0: NaN", "generate", "--model", absent(), "--prompt", "x",
                "--temperature", "NaN");
        refused("--top-k must be >= 0: -1", "generate", "--model", absent(), "--prompt", "x", "--top-k", "-1");
    }

    @Test
    void familyWiseLevelOutsideTheUnitIntervalIsRefused() {
        refused("--alpha must be in (0, 1): 2.0", "heads", "--model", absent(), "--truth", "bundled:larger_than",
                "--reasoning", "generated:addition", "--alpha", "2");
    }
}
