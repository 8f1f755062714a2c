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

class OdeCommandTest {

    @TempDir
    Path dir;

    @Test
    void badLambdaIsBadUsage() {
        CliRun run = CliRun.of("ode", "--lambda", "auto");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--lambda must be a number >= 0 or 'cv': auto"), run.err());
    }

    @Test
    void unknownHoldOutFamilyIsBadUsageListingTheFamilies() {
        CliRun run = CliRun.of("ode", "--holdout", "Llama-9");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("held-out family not in the data: Llama-9; families: [Llama-2"), run.err());
    }

    @Test
    void orderOutOfRangeIsBadUsage() {
        CliRun run = CliRun.of("ode", "--order", "9");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("9"), run.err());
    }

    @Test
    void missingFileIsBadDataAndLeavesNoOutput() throws IOException {
        Path out = dir.resolve("o.json");
        CliRun run = CliRun.of("ode", "--data", dir.resolve("none.csv").toString(), "--out", out.toString());
        assertEquals(3, run.exitCode(), run.err());
        assertFalse(Files.exists(out));
    }

    @Test
    void jsonHasTheContractKeys() throws IOException {
        Path out = dir.resolve("o.json");
        CliRun run = CliRun.of("ode", "--format", "json", "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        String text = Files.readString(out);
        assertFalse(text.contains("NaN"));
        JsonObject json = JsonParser.parseString(text).getAsJsonObject();
        for (String k : List.of("coefficients", "holdout", "lofo", "eigen", "provenance")) {
            assertTrue(json.has(k), k);
        }
        JsonObject coef = json.getAsJsonObject("coefficients");
        for (String eq : List.of("dR_dx", "dT_dx")) {
            for (String term : List.of("1", "R", "T", "R^2", "R*T", "T^2")) {
                assertTrue(coef.getAsJsonObject(eq).has(term), eq + "." + term);
            }
        }
        JsonObject h = json.getAsJsonObject("holdout");
        assertEquals("Llama-2", h.get("family").getAsString());
        for (String k : List.of("models", "mape_r", "mape_t", "mape")) {
            assertTrue(h.has(k), k);
        }
        JsonObject m = h.getAsJsonArray("models").get(1).getAsJsonObject();
        for (String k : List.of("model", "params_b", "r_obs", "r_pred", "t_obs", "t_pred")) {
            assertTrue(m.has(k), k);
        }
        JsonObject row = json.getAsJsonArray("lofo").get(0).getAsJsonObject();
        assertTrue(row.has("family") && row.has("mape"));
        JsonObject eigen = json.getAsJsonObject("eigen");
        for (String k : List.of("observed", "fixed_points", "interaction_counts")) {
            assertTrue(eigen.has(k), k);
        }
        JsonObject state = eigen.getAsJsonArray("observed").get(0).getAsJsonObject();
        for (String k : List.of("jacobian", "eigenvalues", "eigenvectors", "interaction", "type")) {
            assertTrue(state.has(k), k);
        }
        assertTrue(state.getAsJsonArray("eigenvalues").get(0).getAsJsonObject().has("re"));
        assertEquals(0.05, json.getAsJsonObject("provenance").get("lambda_used").getAsDouble());
    }

    @Test
    void crossValidatedLambdaIsRecordedAndDeterministic() {
        CliRun a = CliRun.of("ode", "--lambda", "cv", "--format", "json");
        CliRun b = CliRun.of("ode", "--lambda", "cv", "--format", "json");
        assertEquals(0, a.exitCode(), a.err());
        assertEquals(a.out(), b.out());
        JsonObject p = JsonParser.parseString(a.out()).getAsJsonObject().getAsJsonObject("provenance");
        assertEquals("cross_validated", p.get("lambda_selection").getAsString());
        assertTrue(p.has("lambda_cv"));
    }

    @Test
    void textHasTheSections() {
        CliRun run = CliRun.of("ode", "--format", "markdown");
        assertEquals(0, run.exitCode(), run.err());
        for (String s : List.of("# Scaling dynamics", "## Coefficients", "## Held-out family: Llama-2",
                "## Leave-one-family-out", "## Eigenstructure")) {
            assertTrue(run.out().contains(s), s);
        }
        assertFalse(run.out().contains("NaN"));
    }
}
