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

class DiagnoseCommandTest {

    static final String[] FAST = {"--permutations", "300", "--bootstrap", "300", "--family-bootstrap", "100"};

    @TempDir
    Path dir;

    static String[] args(String... more) {
        String[] all = new String[1 + FAST.length + more.length];
        all[0] = "diagnose";
        System.arraycopy(FAST, 0, all, 1, FAST.length);
        System.arraycopy(more, 0, all, 1 + FAST.length, more.length);
        return all;
    }

    @Test
    void unknownOptionIsBadUsage() {
        CliRun run = CliRun.of("diagnose", "--bandwith", "0.3");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--bandwith"), run.err());
    }

    @Test
    void invalidSettingIsBadUsageWithTheValue() {
        CliRun run = CliRun.of(args("--bandwidth", "-0.4"));
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("bandwidth must be a finite number > 0: -0.4"), run.err());
    }

    @Test
    void malformedCsvIsBadDataWithFileAndLineAndLeavesNoOutputFile() throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "model,family,params_b,arc_c,gsm8k,mmlu,truthfulqa_mc2\n"
                + "a,F,1,0.3,0.1,0.3,0.4\nb,F,-2,0.3,0.1,0.3,0.4\n");
        Path out = dir.resolve("report.json");
        CliRun run = CliRun.of(args("--data", csv.toString(), "--format", "json", "--out", out.toString()));
        assertEquals(3, run.exitCode(), run.err());
        assertTrue(run.err().contains("bad.csv") && run.err().contains("line 3"), run.err());
        assertFalse(run.err().contains("\tat "), "no stack trace without --debug: " + run.err());
        assertFalse(Files.exists(out));
        try (var files = Files.list(dir)) {
            assertEquals(List.of(csv), files.toList());
        }
    }

    @Test
    void missingFileIsBadData() {
        CliRun run = CliRun.of(args("--data", dir.resolve("nope.csv").toString()));
        assertEquals(3, run.exitCode(), run.err());
        assertTrue(run.err().contains("nope.csv"), run.err());
    }

    @Test
    void jsonHasTheDocumentedKeys() throws IOException {
        Path out = dir.resolve("d.json");
        CliRun run = CliRun.of(args("--format", "json", "--out", out.toString()));
        assertEquals(0, run.exitCode(), run.err());
        JsonObject json = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        JsonObject prov = json.getAsJsonObject("provenance");
        for (String k : List.of("version", "seed", "data", "reasoning", "truth", "bandwidth", "tau", "permutations",
                "bootstrap")) {
            assertTrue(prov.has(k), k);
        }
        JsonObject fam = json.getAsJsonArray("families").get(0).getAsJsonObject();
        for (String k : List.of("family", "n_models", "models", "nc")) {
            assertTrue(fam.has(k), k);
        }
        JsonObject model = fam.getAsJsonArray("models").get(0).getAsJsonObject();
        for (String k : List.of("model", "params_b", "reasoning", "truthfulness", "coupling", "phase")) {
            assertTrue(model.has(k), k);
        }
        for (String k : List.of("status", "params_b", "ci95_params_b", "censored_share")) {
            assertTrue(fam.getAsJsonObject("nc").has(k), k);
        }
        assertTrue(json.getAsJsonArray("excluded").get(0).getAsJsonObject().has("reason"));
        for (String phase : List.of("tax", "cooperative")) {
            JsonObject p = json.getAsJsonObject("pooled").getAsJsonObject(phase);
            for (String k : List.of("r", "p", "n_models", "n_families", "method")) {
                assertTrue(p.has(k), phase + "." + k);
            }
        }
    }

    @Test
    void jsonCarriesThePointwiseCouplingBandOfEachFamily() throws IOException {
        Path out = dir.resolve("b.json");
        CliRun run = CliRun.of(args("--format", "json", "--out", out.toString()));
        assertEquals(0, run.exitCode(), run.err());
        JsonObject json = JsonParser.parseString(Files.readString(out)).getAsJsonObject();
        int banded = 0;
        for (var e : json.getAsJsonArray("families")) {
            JsonObject fam = e.getAsJsonObject();
            assertTrue(fam.has("band"), fam.get("family").getAsString());
            if (fam.get("band").isJsonNull()) {
                continue;
            }
            banded++;
            JsonObject band = fam.getAsJsonObject("band");
            int n = band.getAsJsonArray("log10_n").size();
            assertEquals(dev.cape.analysis.coupling.KernelCoupling.DEFAULT_GRID_POINTS, n);
            for (String k : List.of("coupling", "lower", "upper", "contributing")) {
                assertEquals(n, band.getAsJsonArray(k).size(), k);
            }
            assertEquals(0.95, band.get("level").getAsDouble());
            assertEquals(json.getAsJsonObject("provenance").get("family_bootstrap").getAsInt(),
                    band.get("resamples").getAsInt());
            for (int k = 0; k < n; k++) {
                var lo = band.getAsJsonArray("lower").get(k);
                var hi = band.getAsJsonArray("upper").get(k);
                assertEquals(lo.isJsonNull(), hi.isJsonNull());
                assertTrue(lo.isJsonNull() || lo.getAsDouble() <= hi.getAsDouble());
            }
        }
        assertTrue(banded > 5, "families with a band: " + banded);
    }

    @Test
    void textReportHasFamilyTablesAndPooledResults() {
        CliRun run = CliRun.of(args());
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("Tax phase: r = -"), run.out());
        assertTrue(run.out().contains("Pythia — tax phase at every observed size"), run.out());
        assertTrue(run.out().contains("model") && run.out().contains("coupling") && run.out().contains("phase"));
    }

    @Test
    void markdownReportHasTables() {
        CliRun run = CliRun.of(args("--format", "markdown"));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("# Phase diagnosis"), run.out());
        assertTrue(run.out().contains("| model | N (B) | R | T | coupling | phase |"), run.out());
    }

    @Test
    void naiveSelectionIsLabelled() throws IOException {
        Path out = dir.resolve("n.json");
        CliRun run = CliRun.of(args("--naive-selection", "--format", "json", "--out", out.toString()));
        assertEquals(0, run.exitCode(), run.err());
        String method = JsonParser.parseString(Files.readString(out)).getAsJsonObject().getAsJsonObject("pooled")
                .getAsJsonObject("tax").get("method").getAsString();
        assertTrue(method.startsWith("naive"), method);
    }

    @Test
    void versionAndHelpWork() {
        CliRun v = CliRun.of("--version");
        assertEquals(0, v.exitCode());
        assertTrue(v.out().startsWith("CAPE Workbench "), v.out());
        for (String sub : new String[] {"diagnose", "heads", "steer"}) {
            CliRun s = CliRun.of(sub, "-V");
            assertEquals(0, s.exitCode());
            assertEquals(v.out(), s.out(), "cape " + sub + " -V prints the version too");
        }
        CliRun h = CliRun.of("--help");
        assertEquals(0, h.exitCode());
        assertTrue(h.out().contains("diagnose"), h.out());
    }

    @Test
    void dataWithoutAnyCouplingCurveStillGivesAReport() throws IOException {
        Path csv = dir.resolve("two.csv");
        Files.writeString(csv, "model,family,params_b,arc_c,gsm8k,mmlu,truthfulqa_mc2\n"
                + "a,F,1,0.3,0.1,0.3,0.4\nb,F,2,0.3,0.1,0.3,0.4\n");
        CliRun run = CliRun.of(args("--data", csv.toString()));
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("N_c undefined"), run.out());
        assertTrue(run.out().contains("no uncensored family"), run.out());
    }
}
