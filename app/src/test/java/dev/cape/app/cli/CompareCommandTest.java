package dev.cape.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {

    @TempDir
    Path dir;

    @Test
    void missingRequiredFamilyIsBadUsage() {
        CliRun run = CliRun.of("compare", "--a", "Qwen1.5");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--b"), run.err());
    }

    @Test
    void unknownFamilyIsBadUsageListingTheFamilies() {
        CliRun run = CliRun.of("compare", "--a", "Qwen1.5", "--b", "Qwen9", "--bootstrap", "50");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("family 'Qwen9' is not in bundled base_models.csv; available families: "
                + "Llama-2, Llama,"), run.err());
        assertTrue(run.err().contains("Qwen2.5"), run.err());
    }

    @Test
    void scaleOutsideTheRangeIsAClearMessageAndLeavesNoFile() throws IOException {
        Path out = dir.resolve("c.json");
        CliRun run = CliRun.of("compare", "--a", "Qwen1.5", "--b", "Qwen2.5", "--at", "200", "--format", "json",
                "--out", out.toString());
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("scale 200B is outside Qwen1.5's observed range [0.5B, 110B]"), run.err());
        assertFalse(run.err().contains("NaN"));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(), files.toList());
        }
    }

    @Test
    void familyWithTwoModelsIsRefused() {
        CliRun run = CliRun.of("compare", "--a", "Phi", "--b", "Qwen2.5", "--at", "2");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("family Phi has 2 model(s)"), run.err());
    }

    @Test
    void malformedCsvIsBadData() throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "model,family,params_b,arc_c\na,F,abc,0.3\n");
        CliRun run = CliRun.of("compare", "--a", "F", "--b", "F", "--data", csv.toString());
        assertEquals(3, run.exitCode(), run.err());
        assertTrue(run.err().contains("bad.csv"), run.err());
    }

    @Test
    void jsonHasTheContractKeysAndIsDeterministicGivenTheSeed() throws IOException {
        Path a = dir.resolve("a.json");
        Path b = dir.resolve("b.json");
        String[] args = {"compare", "--a", "Qwen1.5", "--b", "Qwen2.5", "--at", "4", "--bootstrap", "200",
                "--seed", "5", "--format", "json", "--out"};
        assertEquals(0, CliRun.of(concat(args, a.toString())).exitCode());
        assertEquals(0, CliRun.of(concat(args, b.toString())).exitCode());
        assertEquals(Files.readString(a), Files.readString(b));
        JsonObject json = JsonParser.parseString(Files.readString(a)).getAsJsonObject();
        for (String k : List.of("provenance", "family_a", "family_b", "range_a_b", "range_b_b", "points")) {
            assertTrue(json.has(k), k);
        }
        assertEquals(5, json.getAsJsonObject("provenance").get("seed").getAsLong());
        JsonObject p = json.getAsJsonArray("points").get(0).getAsJsonObject();
        assertEquals(4.0, p.get("params_b").getAsDouble());
        for (String k : List.of("coupling_a", "coupling_b", "difference")) {
            assertTrue(p.getAsJsonObject(k).has("value") && p.getAsJsonObject(k).has("ci95"), k);
        }
        JsonObject eq = p.getAsJsonObject("equivalent");
        for (String k : List.of("status", "params_b", "ci95_b", "reached_share", "message")) {
            assertTrue(eq.has(k), k);
        }
        String other = CliRun.of("compare", "--a", "Qwen1.5", "--b", "Qwen2.5", "--at", "4", "--bootstrap", "200",
                "--seed", "6", "--format", "json").out();
        assertFalse(other.equals(Files.readString(a)), "another seed gives other intervals");
    }

    @Test
    void textShowsEveryOverlapSizeAndTheEquivalentScale() {
        CliRun run = CliRun.of("compare", "--a", "Qwen1.5", "--b", "Qwen2.5", "--bootstrap", "100");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Matched-scale comparison: Qwen1.5 (A) vs Qwen2.5 (B)"), run.out());
        assertTrue(run.out().contains("Equivalent scale"), run.out());
        // overlap [0.5B, 72.7B]: 0.5 ... 72.7 from either family, 110B (Qwen1.5 only) outside
        assertTrue(run.out().contains("   72.7 "), run.out());
        assertFalse(run.out().contains("    110 "), run.out());
        assertFalse(run.out().contains("NaN"));
    }

    static String[] concat(String[] a, String... b) {
        String[] all = new String[a.length + b.length];
        System.arraycopy(a, 0, all, 0, a.length);
        System.arraycopy(b, 0, all, a.length, b.length);
        return all;
    }
}
