package dev.cape.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** cape heads --chart: the head map as PNG or SVG, refused bad figure options before any work, JSON keys kept. */
class HeadsChartCommandTest extends Gpt2CliTest {

    /** The JSON contract of cape heads without --chart. */
    static final Set<String> KEYS = Set.of("n_heads", "heads", "competing", "probe_layer", "probe_accuracy",
            "probe_margin", "permutations", "random_directions", "alpha", "seed", "truth_data", "reasoning_data");
    static final Set<String> HEAD_KEYS = Set.of("layer", "head", "truth_z", "reasoning_z", "competing",
            "ablation_effect", "truth_effect_sigma", "reasoning_effect_sigma", "truth_p_fwer", "reasoning_p_fwer",
            "truth_random_direction_p");

    @Test
    void gifChartIsRefusedBeforeTheModelOrDataAreRead() {
        CliRun run = CliRun.of("heads", "--model", dir.resolve("no-model").toString(), "--truth",
                dir.resolve("no-truth.csv").toString(), "--reasoning", "generated:addition", "--chart",
                dir.resolve("map.gif").toString());
        assertEquals(CapeCommand.EXIT_USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("--chart must end in .png or .svg"), run.err());
        assertFalse(run.err().contains("no-model"), "model loaded before the check: " + run.err());
        assertFalse(run.err().contains("no-truth.csv"), "data read before the check: " + run.err());
        assertTrue(Files.notExists(dir.resolve("map.gif")));
    }

    @Test
    void unknownChartMetricIsRefusedNamingTheMetricsBeforeTheModelIsLoaded() {
        CliRun run = CliRun.of("heads", "--model", dir.resolve("no-model").toString(), "--truth",
                dir.resolve("no-truth.csv").toString(), "--reasoning", "generated:addition", "--chart-metric",
                "truthiness");
        assertEquals(CapeCommand.EXIT_USAGE, run.exitCode(), run.err());
        assertTrue(run.err().contains("unknown head metric 'truthiness', expected one of truth-z, reasoning-z, "
                + "truth-sigma, reasoning-sigma, ablation"), run.err());
    }

    @Test
    void chartIsWrittenAsPngOfTheChosenSizeAndNamedInTheJson() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(model), "reference fixtures absent: " + model.toAbsolutePath());
        Path png = dir.resolve("map.png");
        CliRun run = heads("--chart", png.toString(), "--chart-size", "640x480", "--chart-metric", "reasoning-z");
        assertEquals(0, run.exitCode(), run.err());
        JsonObject j = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals(png.toString(), j.get("chart").getAsString());
        j.remove("chart");
        assertEquals(KEYS, j.keySet());
        BufferedImage image = ImageIO.read(png.toFile());
        assertNotNull(image);
        assertEquals(640, image.getWidth());
        assertEquals(480, image.getHeight());
    }

    @Test
    void withoutChartTheJsonKeysAreUnchangedAndSvgWorksInTextMode() throws Exception {
        Assumptions.assumeTrue(Files.isDirectory(model), "reference fixtures absent: " + model.toAbsolutePath());
        CliRun run = heads();
        assertEquals(0, run.exitCode(), run.err());
        JsonObject j = JsonParser.parseString(run.out()).getAsJsonObject();
        assertEquals(KEYS, j.keySet());
        assertEquals(j.get("n_heads").getAsInt(), j.getAsJsonArray("heads").size());
        assertEquals(HEAD_KEYS, j.getAsJsonArray("heads").get(0).getAsJsonObject().keySet());

        Path svg = dir.resolve("map.svg");
        CliRun text = CliRun.of("heads", "--model", model.toString(), "--truth", data.toString(), "--reasoning",
                data.toString(), "--permutations", "20", "--random-directions", "5", "--chart", svg.toString());
        assertEquals(0, text.exitCode(), text.err());
        assertTrue(text.out().contains("head map (truth-z): " + svg), text.out());
        assertTrue(Files.readString(svg).contains("<svg"));
    }

    private CliRun heads(String... extra) {
        String[] base = {"heads", "--model", model.toString(), "--truth", data.toString(), "--reasoning",
            data.toString(), "--permutations", "20", "--random-directions", "5", "--format", "json"};
        String[] args = new String[base.length + extra.length];
        System.arraycopy(base, 0, args, 0, base.length);
        System.arraycopy(extra, 0, args, base.length, extra.length);
        return CliRun.of(args);
    }
}
