package dev.cape.inference.steer;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.cape.inference.eval.ModelFiles;
import dev.cape.inference.model.LanguageModel;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * stories15M for the steering tests: {@code -Dcape.stories15m.dir}, else {@code ${CAPE_CACHE:-~/.cache/cape}/stories15M}
 * (where {@code scripts/fetch-stories15m.sh} puts it); the calling test skips with the reason when it is absent.
 */
public final class Stories15MModel {

    private Stories15MModel() {
    }

    /** Loads model.bin with the tokenizer.bin beside it (the one place that knows how). */
    public static LanguageModel load() {
        Path dir = dir();
        Path bin = dir.resolve("model.bin");
        assumeTrue(Files.isRegularFile(bin) && Files.isRegularFile(dir.resolve("tokenizer.bin")),
                () -> "stories15M not found in " + dir + ": run scripts/fetch-stories15m.sh (or pass "
                        + "-Dcape.stories15m.dir=FOLDER) to run this test");
        return ModelFiles.load(bin, "cpu");
    }

    /** The tokenizer.bin alone; skips when it is absent. */
    public static Path tokenizer() {
        Path dir = dir();
        Path bin = dir.resolve("tokenizer.bin");
        assumeTrue(Files.isRegularFile(bin), () -> "stories15M tokenizer.bin not found in " + dir
                + ": run scripts/fetch-stories15m.sh (or pass -Dcape.stories15m.dir=FOLDER) to run this test");
        return bin;
    }

    private static Path dir() {
        String property = System.getProperty("cape.stories15m.dir");
        String cache = System.getenv("CAPE_CACHE");
        return property != null && !property.isBlank() ? Path.of(property)
                : (cache != null && !cache.isBlank() ? Path.of(cache)
                        : Path.of(System.getProperty("user.home"), ".cache", "cape")).resolve("stories15M");
    }

    /** A file of the shared truth data; skips when the shared folder is absent. */
    public static Path truthData(String relative) {
        Path p = Path.of(System.getProperty("cape.shared.dir", "../shared"), "data/truth", relative);
        assumeTrue(Files.isRegularFile(p), () -> "shared truth data absent: " + p.toAbsolutePath());
        return p;
    }
}
