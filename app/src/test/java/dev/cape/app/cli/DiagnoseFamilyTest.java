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

class DiagnoseFamilyTest {

    @TempDir
    Path dir;

    @Test
    void withoutTheOptionTheOutputIsUnchanged() {
        CliRun plain = CliRun.of(DiagnoseCommandTest.args("--format", "json"));
        assertEquals(0, plain.exitCode(), plain.err());
        assertFalse(JsonParser.parseString(plain.out()).getAsJsonObject().has("family_diagnosis"));
        assertFalse(CliRun.of(DiagnoseCommandTest.args()).out().contains("Family diagnosis"));
    }

    @Test
    void unknownFamilyIsBadUsageListingTheFamilies() {
        CliRun run = CliRun.of(DiagnoseCommandTest.args("--family", "Qwen9"));
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("family 'Qwen9' is not in bundled base_models.csv; available families:"),
                run.err());
    }

    @Test
    void jsonHasTheFamilyDiagnosisSection() {
        CliRun run = CliRun.of(DiagnoseCommandTest.args("--family", "Qwen1.5", "--format", "json"));
        assertEquals(0, run.exitCode(), run.err());
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        assertTrue(json.has("families") && json.has("pooled"), "the diagnosis stays");
        JsonObject f = json.getAsJsonObject("family_diagnosis");
        for (String k : List.of("family", "weak", "message", "models", "nc", "interventions", "rotation")) {
            assertTrue(f.has(k), k);
        }
        assertEquals(8, f.getAsJsonArray("models").size());
        List<String> names = f.getAsJsonArray("interventions").asList().stream()
                .map(e -> e.getAsJsonObject().get("name").getAsString()).toList();
        assertEquals(List.of("width", "data_curation", "benchmark_rotation"), names);
        JsonObject rot = f.getAsJsonObject("rotation");
        assertEquals(4, rot.getAsJsonArray("rows").size());
        assertTrue(rot.has("stable"));
    }

    @Test
    void twoModelFamilyIsAWeakDiagnosis() {
        CliRun run = CliRun.of(DiagnoseCommandTest.args("--family", "Phi"));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Weak diagnosis: Phi has 2 model(s)"), run.out());
        assertTrue(run.out().contains("Placement against the reference families"), run.out());
    }

    @Test
    void csvWithOneFamilyIsDiagnosedAgainstTheBundledFamilies() throws IOException {
        Path csv = dir.resolve("mine.csv");
        Files.writeString(csv, "model,family,params_b,hidden_size,arc_c,gsm8k,mmlu,truthfulqa_mc2\n"
                + "m-1b,Mine,1,2048,0.30,0.05,0.27,0.45\n"
                + "m-3b,Mine,3,2560,0.38,0.12,0.35,0.41\n"
                + "m-7b,Mine,7,4096,0.46,0.25,0.45,0.38\n"
                + "m-13b,Mine,13,5120,0.52,0.35,0.55,0.36\n");
        CliRun run = CliRun.of(DiagnoseCommandTest.args("--data", csv.toString(), "--family", "--format", "json"));
        assertEquals(0, run.exitCode(), run.err());
        JsonObject f = JsonParser.parseString(run.out()).getAsJsonObject().getAsJsonObject("family_diagnosis");
        assertEquals("Mine", f.get("family").getAsString());
        assertEquals("bundled base_models.csv", f.get("reference_source").getAsString());
        assertTrue(f.getAsJsonArray("reference_families").size() > 10);
        // R rises while T falls at every size: tax phase throughout
        f.getAsJsonArray("models").forEach(m -> assertEquals("tax", m.getAsJsonObject().get("phase").getAsString()));
    }

    @Test
    void familyWithoutNameNeedsOneFamilyInTheData() {
        CliRun run = CliRun.of(DiagnoseCommandTest.args("--family"));
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--family without a NAME needs data with exactly one family"), run.err());
    }

    @Test
    void sameSeedSameFamilyDiagnosis() {
        CliRun a = CliRun.of(DiagnoseCommandTest.args("--family", "OPT", "--seed", "9", "--format", "json"));
        CliRun b = CliRun.of(DiagnoseCommandTest.args("--family", "OPT", "--seed", "9", "--format", "json"));
        assertEquals(0, a.exitCode(), a.err());
        assertEquals(a.out(), b.out());
        JsonObject nc = JsonParser.parseString(a.out()).getAsJsonObject().getAsJsonObject("family_diagnosis")
                .getAsJsonObject("nc");
        assertEquals("crossing", nc.get("status").getAsString());
        assertTrue(nc.get("ci95_params_b").isJsonArray(), nc.toString());
    }
}
