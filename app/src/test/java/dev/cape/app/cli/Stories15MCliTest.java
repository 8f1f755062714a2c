package dev.cape.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code cape generate} and {@code cape forward} on the real stories15M llama2.c checkpoint, given as its model.bin.
 * Skipped (with the reason) when scripts/fetch-stories15m.sh has not put the files in the cache folder.
 */
class Stories15MCliTest {

    /** {@code cape.stories15m.dir}, else {@code ${CAPE_CACHE:-$HOME/.cache/cape}/stories15M}, as the fetch script. */
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
        Path model = dir().resolve("model.bin");
        Assumptions.assumeTrue(Files.isRegularFile(model) && Files.isRegularFile(dir().resolve("tokenizer.bin")),
                () -> "stories15M not found in " + dir() + ": run scripts/fetch-stories15m.sh (or pass"
                        + " -Dcape.stories15m.dir=FOLDER) to run this test");
        return model;
    }

    @Test
    void generateStreamsAStoryFromTheModelBin() {
        CliRun r = CliRun.of("generate", "--model", modelBin().toString(), "--prompt", "Once upon a time",
                "--max-tokens", "40");
        assertEquals(CapeCommand.EXIT_OK, r.exitCode(), r.err());
        String text = r.out().toLowerCase(Locale.ROOT);
        long storyWords = Stream.of(" there ", " was ", " little ", " named ", " she ", " he ", " day ", " play",
                " loved ", " big ", " the ").filter(text::contains).count();
        assertTrue(text.startsWith(", there was") || storyWords >= 4, storyWords + " story words in: " + r.out());
        assertTrue(r.out().chars().allMatch(c -> c == '\n' || (c >= 0x20 && c < 0x7f)), r.out());
        assertTrue(r.err().matches("(?s)cape: \\d+ tokens, stopped: (max_tokens|eos)\\s*"), r.err());
    }

    @Test
    void forwardOnTextPrependsBosForLlama2cAndNotWithNoBos() {
        CliRun r = CliRun.of("forward", "--model", modelBin().toString(), "--text", "Once upon a time",
                "--greedy", "3", "--dump", "logits-last");
        assertEquals(CapeCommand.EXIT_OK, r.exitCode(), r.err());
        JsonObject out = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals("[1,9038,2501,263,931]", out.get("input_ids").toString());
        assertEquals(32000, out.getAsJsonArray("logits_last").get(0).getAsJsonArray().size());
        JsonArray greedy = out.getAsJsonArray("greedy");
        assertEquals(3, greedy.size());

        CliRun noBos = CliRun.of("forward", "--model", dir().toString(), "--text", "Once upon a time", "--no-bos");
        assertEquals(CapeCommand.EXIT_OK, noBos.exitCode(), noBos.err());
        assertEquals("[9038,2501,263,931]",
                JsonParser.parseString(noBos.out()).getAsJsonObject().get("input_ids").toString());
    }
}
