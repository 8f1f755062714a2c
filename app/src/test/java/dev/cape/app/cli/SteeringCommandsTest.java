package dev.cape.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** cape direction, steer, export-gguf and heads on the tiny GPT-2 fixture (word-level vocabulary). */
class SteeringCommandsTest {

    @TempDir
    Path dir;

    Path model;
    Path data;

    @BeforeEach
    void setUp() throws Exception {
        model = Path.of(System.getProperty("cape.shared.dir", "../shared"), "fixtures/tiny-models/gpt2");
        Assumptions.assumeTrue(Files.isDirectory(model), "reference fixtures absent: " + model.toAbsolutePath());
        String[] vocab = {"the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with", "be"};
        Random r = new Random(1);
        StringBuilder csv = new StringBuilder("statement,label\n");
        for (int i = 0; i < 40; i++) {
            StringBuilder s = new StringBuilder();
            for (int k = 0; k < 4; k++) {
                s.append(k == 0 ? "" : " ").append(vocab[r.nextInt(vocab.length)]);
            }
            csv.append(s).append(" .,").append(i % 2).append('\n');
        }
        data = dir.resolve("words.csv");
        Files.writeString(data, csv.toString());
    }

    @Test
    void badLabelExitsWithBadDataNamingTheLine() throws Exception {
        Path bad = dir.resolve("bad.csv");
        Files.writeString(bad, "statement,label\nthe a .,1\nthe of .,maybe\n");
        CliRun run = CliRun.of("direction", "--model", model.toString(), "--data", bad.toString(), "--out",
                dir.resolve("v.safetensors").toString());
        assertEquals(CapeCommand.EXIT_BAD_DATA, run.exitCode(), run.err());
        assertTrue(run.err().contains("bad.csv: line 3"), run.err());
        assertTrue(Files.notExists(dir.resolve("v.safetensors")));
    }

    @Test
    void directionThenSteerThenExportThenHeads() {
        Path vec = dir.resolve("v.safetensors");
        CliRun d = CliRun.of("direction", "--model", model.toString(), "--data", data.toString(), "--out",
                vec.toString(), "--format", "json", "--compare-all");
        assertEquals(0, d.exitCode(), d.err());
        JsonObject j = JsonParser.parseString(d.out()).getAsJsonObject();
        for (String key : new String[] {"method", "layers", "best_layer", "best_accuracy", "sigma", "n_train",
            "n_test", "out"}) {
            assertTrue(j.has(key), "direction JSON lacks " + key + ": " + d.out());
        }
        JsonObject layer0 = j.getAsJsonArray("layers").get(0).getAsJsonObject();
        assertTrue(layer0.has("layer") && layer0.has("accuracy") && layer0.has("cosine_to_mass_mean"));
        assertEquals(40, j.get("n_train").getAsInt() + j.get("n_test").getAsInt());
        assertTrue(Files.isRegularFile(vec));

        CliRun text = CliRun.of("steer", "--model", model.toString(), "--vector", vec.toString(), "--alpha", "8",
                "--layer", "1", "--prompt", "the cat", "--max-tokens", "6");
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("unsteered") && text.out().contains("steered (alpha 8)"), text.out());

        CliRun eval = CliRun.of("steer", "--model", model.toString(), "--vector", vec.toString(), "--eval",
                data.toString(), "--alphas", "0,2", "--format", "json");
        assertEquals(0, eval.exitCode(), eval.err());
        JsonObject e = JsonParser.parseString(eval.out()).getAsJsonObject();
        for (String key : new String[] {"layer", "baseline_accuracy", "alphas", "n_items"}) {
            assertTrue(e.has(key), "steer JSON lacks " + key);
        }
        assertEquals(j.get("n_test").getAsInt(), e.get("n_items").getAsInt(), "held-out items of the direction's data");
        JsonObject a0 = e.getAsJsonArray("alphas").get(0).getAsJsonObject();
        for (String key : new String[] {"alpha", "accuracy", "corrected_share", "broken_share", "kl"}) {
            assertTrue(a0.has(key), "alpha entry lacks " + key);
        }
        assertEquals(0.0, a0.get("kl").getAsDouble(), 1e-12);

        Path gguf = dir.resolve("v.gguf");
        CliRun g = CliRun.of("export-gguf", vec.toString(), "--out", gguf.toString(), "--all-layers");
        assertEquals(0, g.exitCode(), g.err());
        assertTrue(g.out().contains("direction tensor"), g.out());

        CliRun h = CliRun.of("heads", "--model", model.toString(), "--truth", data.toString(), "--reasoning",
                data.toString(), "--permutations", "20", "--random-directions", "5", "--format", "json");
        assertEquals(0, h.exitCode(), h.err());
        JsonObject hj = JsonParser.parseString(h.out()).getAsJsonObject();
        assertTrue(hj.has("n_heads") && hj.has("heads") && hj.has("competing"), h.out());
        JsonObject h0 = hj.getAsJsonArray("heads").get(0).getAsJsonObject();
        for (String key : new String[] {"layer", "head", "truth_z", "reasoning_z", "competing", "ablation_effect"}) {
            assertTrue(h0.has(key), "heads entry lacks " + key);
        }
        assertEquals(hj.get("n_heads").getAsInt(), hj.getAsJsonArray("heads").size());
    }
}
