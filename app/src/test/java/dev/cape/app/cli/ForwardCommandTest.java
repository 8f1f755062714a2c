package dev.cape.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cape forward} and {@code cape generate} on the tiny-model fixtures: exit codes and output. */
class ForwardCommandTest {

    record Run(int code, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = CapeCommand.run(new PrintWriter(out), new PrintWriter(err), args);
        return new Run(code, out.toString(), err.toString());
    }

    static Path fixture(String name) {
        Path dir = Path.of(System.getProperty("cape.shared.dir", "../shared")).resolve("fixtures/tiny-models");
        Assumptions.assumeTrue(Files.isDirectory(dir), "reference fixtures absent: " + dir.toAbsolutePath());
        return dir.resolve(name);
    }

    static JsonObject expected(Path folder) throws IOException {
        return JsonParser.parseString(Files.readString(folder.resolve("expected.json"))).getAsJsonObject();
    }

    static String idsOf(JsonObject exp) {
        StringBuilder b = new StringBuilder();
        for (var e : exp.getAsJsonArray("input_ids")) {
            b.append(b.length() == 0 ? "" : ",").append(e.getAsInt());
        }
        return b.toString();
    }

    @Test
    void missingModelOptionIsAUsageError() {
        Run r = run("forward", "--ids", "1,2");
        assertEquals(CapeCommand.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("--model"), r.err());
    }

    @Test
    void idsAndTextTogetherAreAUsageError() {
        Run r = run("forward", "--model", fixture("llama").toString(), "--ids", "1", "--text", "time");
        assertEquals(CapeCommand.EXIT_USAGE, r.code());
    }

    @Test
    void badDumpItemIsAUsageError() {
        Run r = run("forward", "--model", fixture("llama").toString(), "--ids", "1,2", "--dump", "attention");
        assertEquals(CapeCommand.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("--dump item must be"), r.err());
    }

    @Test
    void missingModelFolderIsBadInput(@TempDir Path dir) {
        Run r = run("forward", "--model", dir.resolve("nope").toString(), "--ids", "1,2");
        assertEquals(CapeCommand.EXIT_BAD_DATA, r.code());
        assertTrue(r.err().contains("does not exist"), r.err());
    }

    @Test
    void pickleCheckpointIsBadInputWithTheReason(@TempDir Path dir) throws IOException {
        Files.copy(fixture("gpt2").resolve("config.json"), dir.resolve("config.json"));
        Files.write(dir.resolve("pytorch_model.bin"), new byte[] {'P', 'K', 3, 4});
        Run r = run("forward", "--model", dir.toString(), "--ids", "1,2");
        assertEquals(CapeCommand.EXIT_BAD_DATA, r.code());
        assertTrue(r.err().contains("arbitrary code"), r.err());
    }

    @Test
    void forwardPrintsTheFixtureValues() throws IOException {
        Path folder = fixture("gpt2");
        JsonObject exp = expected(folder);
        Run r = run("forward", "--model", folder.toString(), "--ids", idsOf(exp), "--greedy", "3",
                "--dump", "logits-last:3,hidden-last,pattern:0:0", "--format", "json");
        assertEquals(CapeCommand.EXIT_OK, r.code(), r.err());
        JsonObject out = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals(exp.get("input_ids"), out.get("input_ids"));
        JsonArray logits = out.getAsJsonArray("logits_last");
        JsonArray want = exp.getAsJsonObject("logits_last3").getAsJsonArray("values");
        assertEquals(3, logits.size());
        for (int i = 0; i < 3; i++) {
            assertClose(want.get(i).getAsJsonArray(), logits.get(i).getAsJsonArray(), 1e-4);
        }
        JsonArray hidden = out.getAsJsonArray("hidden_states_last_pos");
        JsonArray wantHidden = exp.getAsJsonObject("hidden_states_last_pos").getAsJsonArray("values");
        assertEquals(wantHidden.size(), hidden.size());
        for (int i = 0; i < hidden.size(); i++) {
            assertClose(wantHidden.get(i).getAsJsonArray(), hidden.get(i).getAsJsonArray(), 1e-4);
        }
        JsonObject pattern = out.getAsJsonObject("pattern");
        assertEquals(0, pattern.get("layer").getAsInt());
        JsonArray wantPattern = exp.getAsJsonObject("attention_layer0_head0").getAsJsonArray("values");
        for (int q = 0; q < wantPattern.size(); q++) {
            assertClose(wantPattern.get(q).getAsJsonArray(), pattern.getAsJsonArray("matrix").get(q).getAsJsonArray(),
                    1e-5);
        }
        JsonArray greedy = out.getAsJsonArray("greedy");
        JsonArray wantGreedy = exp.getAsJsonObject("greedy").getAsJsonArray("new_tokens");
        for (int i = 0; i < 3; i++) {
            assertEquals(wantGreedy.get(i).getAsInt(), greedy.get(i).getAsInt());
        }
    }

    @Test
    void textInputIsEncodedWithTheFolderTokenizerAndOnlyAskedOutputsArePrinted() throws IOException {
        Path folder = fixture("llama");
        JsonObject exp = expected(folder);
        Run r = run("forward", "--model", folder.toString(), "--text", exp.get("input_text").getAsString());
        assertEquals(CapeCommand.EXIT_OK, r.code(), r.err());
        JsonObject out = JsonParser.parseString(r.out()).getAsJsonObject();
        assertEquals(exp.get("input_ids"), out.get("input_ids"));
        assertFalse(out.has("logits_last") || out.has("greedy") || out.has("pattern"), r.out());
    }

    @Test
    void patternOutsideTheModelIsAUsageError() {
        Run r = run("forward", "--model", fixture("llama").toString(), "--ids", "1,2", "--dump", "pattern:7:0");
        assertEquals(CapeCommand.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("outside the model"), r.err());
    }

    @Test
    void generateStreamsTheGreedyContinuation() throws IOException {
        Path folder = fixture("llama");
        JsonObject exp = expected(folder);
        Run r = run("generate", "--model", folder.toString(), "--prompt", exp.get("input_text").getAsString(),
                "--max-tokens", "3");
        assertEquals(CapeCommand.EXIT_OK, r.code(), r.err());
        JsonArray words = exp.getAsJsonObject("greedy").getAsJsonArray("new_token_strings");
        for (int i = 0; i < 3; i++) {
            assertTrue(r.out().contains(words.get(i).getAsString()), r.out() + " lacks " + words.get(i));
        }
        assertTrue(r.err().contains("3 tokens, stopped: max_tokens"), r.err());
    }

    @Test
    void cudaWithoutAGpuIsAUsageErrorSayingSo() {
        Run r = run("generate", "--model", fixture("llama").toString(), "--prompt", "time", "--device", "cuda");
        Assumptions.assumeTrue(r.code() != CapeCommand.EXIT_OK, "this machine has a usable GPU");
        assertEquals(CapeCommand.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("no GPU is usable"), r.err());
    }

    @Test
    void unknownAndBfloat16DtypesAreUsageErrorsSayingWhy() {
        Run unknown = run("forward", "--model", fixture("llama").toString(), "--ids", "1,2", "--dtype", "int8");
        assertEquals(CapeCommand.EXIT_USAGE, unknown.code());
        assertTrue(unknown.err().contains("int8"), unknown.err());
        Run bf16 = run("generate", "--model", fixture("llama-bf16").toString(), "--prompt", "time", "--dtype",
                "bfloat16");
        assertEquals(CapeCommand.EXIT_USAGE, bf16.code());
        assertTrue(bf16.err().contains("DJL") && bf16.err().contains("float16"), bf16.err());
    }

    @Test
    void float16ForwardGivesTheFixtureLogitsWithinTheHalfPrecisionTolerance() throws IOException {
        Path folder = fixture("llama-bf16");
        JsonObject exp = expected(folder);
        Run r = run("forward", "--model", folder.toString(), "--ids", idsOf(exp), "--dtype", "float16", "--dump",
                "logits-last:1");
        assertEquals(CapeCommand.EXIT_OK, r.code(), r.err());
        JsonObject out = JsonParser.parseString(r.out()).getAsJsonObject();
        JsonArray want = exp.getAsJsonObject("logits_last3").getAsJsonArray("values");
        // 0.0125: the bf16 tolerance of the fixture README scaled by float16's 8x finer rounding (HalfPrecisionTest)
        assertClose(want.get(want.size() - 1).getAsJsonArray(), out.getAsJsonArray("logits_last").get(0)
                .getAsJsonArray(), 0.0125);
    }

    @Test
    void badSamplingSettingsAreAUsageError() {
        Run r = run("generate", "--model", fixture("llama").toString(), "--prompt", "time", "--top-p", "1.5");
        assertEquals(CapeCommand.EXIT_USAGE, r.code());
        assertTrue(r.err().contains("--top-p must be in (0, 1]: 1.5"), r.err());
    }

    private static void assertClose(JsonArray want, JsonArray got, double tol) {
        assertEquals(want.size(), got.size());
        for (int i = 0; i < want.size(); i++) {
            float w = Float.parseFloat(want.get(i).getAsString());
            float g = Float.parseFloat(got.get(i).getAsString());
            assertTrue(Math.abs(w - g) <= tol, "index " + i + ": " + w + " vs " + g);
        }
    }
}
