package dev.cape.inference.llama2c;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the tests find Karpathy's stories15M ({@code model.bin}, {@code tokenizer.bin}): the folder named by the
 * system property {@code cape.stories15m.dir}, else {@code ${CAPE_CACHE:-$HOME/.cache/cape}/stories15M}, which is
 * where {@code scripts/fetch-stories15m.sh} puts them. Tests that need the files skip when they are absent.
 */
final class Stories15M {

    /** sha256 of model.bin, checked by the fetch script. */
    static final String MODEL_SHA256 = "cd590644d963867a2b6e5a1107f51fad663c41d79c149fbecbbb1f95fa81f49a";

    private Stories15M() {
    }

    static Path dir() {
        String property = System.getProperty("cape.stories15m.dir");
        if (property != null && !property.isBlank()) {
            return Path.of(property);
        }
        String cache = System.getenv("CAPE_CACHE");
        Path base = cache != null && !cache.isBlank() ? Path.of(cache)
                : Path.of(System.getProperty("user.home"), ".cache", "cape");
        return base.resolve("stories15M");
    }

    static Path modelBin() {
        return require("model.bin");
    }

    static Path tokenizerBin() {
        return require("tokenizer.bin");
    }

    private static Path require(String name) {
        Path file = dir().resolve(name);
        assumeTrue(Files.isRegularFile(file), () -> "stories15M " + name + " not found at " + file
                + ": run scripts/fetch-stories15m.sh (or pass -Dcape.stories15m.dir=FOLDER) to run this test");
        return file;
    }
}
