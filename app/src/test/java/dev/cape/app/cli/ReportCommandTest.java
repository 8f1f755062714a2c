package dev.cape.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCommandTest {

    static final String[] FAST = {"--permutations", "500", "--bootstrap", "300", "--family-bootstrap", "100",
            "--compare-bootstrap", "100", "--frontier-permutations", "500", "--frontier-bootstrap", "200"};

    @TempDir
    Path dir;

    static String[] args(Path out, String... more) {
        List<String> a = new ArrayList<>(List.of("report", "--out", out.toString()));
        a.addAll(List.of(FAST));
        a.addAll(List.of(more));
        return a.toArray(String[]::new);
    }

    @Test
    void writesBothFilesWithEveryHeadline() throws IOException {
        Path out = dir.resolve("r");
        CliRun run = CliRun.of(args(out));
        assertEquals(0, run.exitCode(), run.err());
        String md = Files.readString(out.resolve("report.md"));
        String text = Files.readString(out.resolve("report.json"));
        assertFalse(text.contains("NaN") || md.contains("NaN"));
        assertTrue(md.contains("## Figures"), md);
        assertTrue(md.contains("(figures/coupling-curves.png)"), md);
        assertTrue(md.contains("needs model internals: see `cape heads`"), md);
        assertTrue(md.contains("needs model internals: see `cape steer`"), md);
        JsonObject json = JsonParser.parseString(text).getAsJsonObject();
        JsonArray figures = json.getAsJsonArray("figures");
        assertEquals(14, figures.size(), figures.toString()); // 7 charts × PNG and SVG
        for (var f : figures) {
            Path file = out.resolve(f.getAsString());
            assertTrue(Files.size(file) > 1000, file.toString());
        }
        assertTrue(javax.imageio.ImageIO.read(out.resolve("figures/nc-forest.png").toFile()) != null);
        try (var left = Files.list(dir)) {
            assertEquals(List.of(out), left.toList(), "no hidden figure folder left behind");
        }
        JsonArray rows = json.getAsJsonArray("headlines");
        List<String> ids = new ArrayList<>();
        rows.forEach(r -> ids.add(r.getAsJsonObject().get("id").getAsString()));
        assertEquals(List.of("pooled_tax_r", "pooled_tax_p", "mean_nc_b", "qwen15_coupling", "qwen25_coupling",
                "gemma4_4b_coupling", "width_normalisation", "zero_competing_heads", "ode_mape_llama2", "frontier_r",
                "steering_corrected"), ids);
        for (var r : rows) {
            JsonObject o = r.getAsJsonObject();
            for (String k : List.of("quantity", "paper", "status", "ours", "agreement", "reason")) {
                assertTrue(o.has(k), o.get("id") + "." + k);
            }
        }
        JsonObject heads = rows.get(7).getAsJsonObject();
        assertEquals("needs_model_internals", heads.get("status").getAsString());
        assertTrue(heads.getAsJsonObject("ours").get("value").isJsonNull(), "no invented number");
        JsonObject gemma = rows.get(5).getAsJsonObject();
        assertEquals("not_in_data", gemma.get("status").getAsString());
        JsonObject tax = rows.get(0).getAsJsonObject();
        assertEquals("computed", tax.get("status").getAsString());
        assertTrue(tax.getAsJsonObject("ours").get("value").getAsDouble() < 0);
    }

    @Test
    void sameSeedSameReport() throws IOException {
        Path a = dir.resolve("a");
        Path b = dir.resolve("b");
        assertEquals(0, CliRun.of(args(a, "--seed", "4", "--no-figures")).exitCode());
        assertEquals(0, CliRun.of(args(b, "--seed", "4", "--no-figures")).exitCode());
        assertEquals(Files.readString(a.resolve("report.json")), Files.readString(b.resolve("report.json")));
        assertEquals(Files.readString(a.resolve("report.md")), Files.readString(b.resolve("report.md")));
    }

    @Test
    void badDataLeavesNoFiles() throws IOException {
        Path csv = dir.resolve("bad.csv");
        Files.writeString(csv, "model,family\na,F\n");
        Path out = dir.resolve("r");
        CliRun run = CliRun.of(args(out, "--data", csv.toString()));
        assertEquals(3, run.exitCode(), run.err());
        assertFalse(Files.exists(out.resolve("report.md")));
        assertFalse(Files.exists(out.resolve("report.json")));
    }

    @Test
    void invalidSettingIsBadUsage() {
        CliRun run = CliRun.of(args(dir.resolve("r"), "--compare-at", "-4"));
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("compare scale must be a finite number > 0: -4.0"), run.err());
        assertFalse(Files.exists(dir.resolve("r")));
    }
}
