package dev.cape.inference.tokenize;

import static dev.cape.inference.Fixtures.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.cape.inference.Fixtures;
import dev.cape.inference.model.ModelLoadException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** tokenizer.json through DJL tokenizers against each fixture's {@code tokenizer_example}. */
class HuggingFaceTextTokenizerTest {

    static List<String> fixtures() {
        return Fixtures.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void tokenizerExampleGivesTheStoredIds(String name) {
        Path folder = Fixtures.model(name);
        JsonObject ex = Fixtures.expected(folder).getAsJsonObject("tokenizer_example");
        try (HuggingFaceTextTokenizer t = HuggingFaceTextTokenizer.load(folder)) {
            String text = ex.get("text").getAsString();
            assertArrayEquals(ints(ex.get("ids")), t.encode(text, false));
            List<String> pieces = new java.util.ArrayList<>();
            ex.getAsJsonArray("pieces").forEach(p -> pieces.add(p.getAsString()));
            List<String> tokens = t.tokens(text);
            for (int i = 0; i < pieces.size(); i++) {
                if (ints(ex.get("ids"))[i] != 0) {
                    assertEquals(pieces.get(i), tokens.get(i), "piece " + i);
                }
            }
            assertEquals(1, t.bosId().getAsInt());
            assertEquals(2, t.eosId().getAsInt());
            int[] withBos = t.encode(text, true);
            assertEquals(1, withBos[0]);
            assertEquals(ints(ex.get("ids")).length + 1, withBos.length);
        }
    }

    @Test
    void vocabularySizeAndDecodingFollowTheFile() {
        try (HuggingFaceTextTokenizer t = HuggingFaceTextTokenizer.load(Fixtures.model("llama"))) {
            assertEquals(128, t.vocabSize());
            int[] ids = t.encode("time only first", false);
            String text = t.decode(ids);
            assertTrue(text.contains("time") && text.contains("first"), text);
            assertEquals("", t.decode(new int[] {1, 2}), "special tokens are skipped");
            assertTrue(t.decodeNext(ids[0], ids[1]).contains("only"));
        }
    }

    @Test
    void missingOrMalformedTokenizerIsRefused(@TempDir Path dir) throws IOException {
        String missing = assertThrows(ModelLoadException.class, () -> HuggingFaceTextTokenizer.load(dir)).getMessage();
        assertTrue(missing.contains("does not exist"), missing);
        Files.writeString(dir.resolve("tokenizer.json"), "{\"model\": ");
        String bad = assertThrows(ModelLoadException.class, () -> HuggingFaceTextTokenizer.load(dir)).getMessage();
        assertTrue(bad.contains("not valid JSON"), bad);
    }

    @Test
    void specialIdsComeFromGenerationConfigThenConfigThenTokenizerConfig(@TempDir Path dir) throws IOException {
        Files.copy(Fixtures.model("llama").resolve("tokenizer.json"), dir.resolve("tokenizer.json"));
        try (HuggingFaceTextTokenizer none = HuggingFaceTextTokenizer.load(dir)) {
            assertTrue(none.bosId().isEmpty() && none.eosId().isEmpty());
        }
        // tokenizer_config names tokens by text: "<pad>" is id 3 and "," id 4 in the fixture vocabulary
        Files.writeString(dir.resolve("tokenizer_config.json"),
                "{\"bos_token\": {\"content\": \"<pad>\"}, \"eos_token\": \",\"}");
        try (HuggingFaceTextTokenizer t = HuggingFaceTextTokenizer.load(dir)) {
            assertEquals(3, t.bosId().getAsInt());
            assertEquals(4, t.eosId().getAsInt());
        }
        Files.writeString(dir.resolve("config.json"), "{\"bos_token_id\": 1, \"eos_token_id\": [2, 5]}");
        try (HuggingFaceTextTokenizer t = HuggingFaceTextTokenizer.load(dir)) {
            assertEquals(1, t.bosId().getAsInt());
            assertEquals(2, t.eosId().getAsInt());
        }
        Files.writeString(dir.resolve("generation_config.json"), "{\"eos_token_id\": 7}");
        try (HuggingFaceTextTokenizer t = HuggingFaceTextTokenizer.load(dir)) {
            assertEquals(1, t.bosId().getAsInt());
            assertEquals(7, t.eosId().getAsInt());
        }
    }
}
