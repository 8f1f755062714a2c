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

class PcaFrontierCommandTest {

    @TempDir
    Path dir;

    @Test
    void pcaUnknownBenchmarkIsBadUsageListingTheAvailable() {
        CliRun run = CliRun.of("pca", "--benchmarks", "mmlu,nope");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("benchmark 'nope' is not in bundled base_models.csv; available: "), run.err());
    }

    @Test
    void pcaJsonHasComponentsWhoseRatiosSumToOne() {
        CliRun run = CliRun.of("pca", "--benchmarks", "arc_c,mmlu,truthfulqa_mc2", "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonObject json = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals(3, json.getAsJsonArray("components").size());
        double sum = 0;
        for (var c : json.getAsJsonArray("components")) {
            JsonObject o = c.getAsJsonObject();
            sum += o.get("explained_variance_ratio").getAsDouble();
            assertTrue(o.getAsJsonObject("loadings").has("truthfulqa_mc2"));
        }
        assertEquals(1, sum, 1e-12);
    }

    @Test
    void frontierJsonHasBothMeasuresAndLabsAndIsSeedDeterministic() {
        String[] args = {"frontier", "--permutations", "2000", "--bootstrap", "500", "--seed", "3", "--format", "json"};
        CliRun a = CliRun.of(args);
        CliRun b = CliRun.of(args);
        assertEquals(0, a.exitCode(), a.err());
        assertEquals(a.out(), b.out());
        JsonObject json = JsonParser.parseString(a.out()).getAsJsonObject();
        for (String m : List.of("pearson", "spearman")) {
            for (String k : List.of("r", "permutation_p", "bootstrap_ci95", "t_test_p", "fisher_ci95")) {
                assertTrue(json.getAsJsonObject(m).has(k), m + "." + k);
            }
        }
        assertEquals(40, json.get("n_models").getAsInt());
        assertEquals(10, json.getAsJsonArray("labs").size());
    }

    @Test
    void frontierFileWithoutAColumnIsBadDataAndLeavesNoOutput() throws IOException {
        Path csv = dir.resolve("f.csv");
        Files.writeString(csv, "model,lab,reasoning_score\na,L,0.5\n");
        Path out = dir.resolve("f.json");
        CliRun run = CliRun.of("frontier", "--data", csv.toString(), "--out", out.toString());
        assertEquals(3, run.exitCode(), run.err());
        assertTrue(run.err().contains("f.csv") && run.err().contains("truth_score"), run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void frontierTextPrintsThePaperBesideOurs() {
        CliRun run = CliRun.of("frontier", "--permutations", "1000", "--bootstrap", "200");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Pearson") && run.out().contains("Per lab"), run.out());
        assertTrue(run.out().contains("Paper: r = +0.72"), run.out());
    }
}
