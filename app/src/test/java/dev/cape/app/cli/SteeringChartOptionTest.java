package dev.cape.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code --chart} on cape direction (layer curve) and cape steer --eval (sweep), refused with --prompt. */
class SteeringChartOptionTest extends Gpt2CliTest {

    @BeforeEach
    void requireFixture() {
        dev.cape.app.TestData.gpt2();   // skips without the fixtures
    }

    @Test
    void directionWritesTheLayerChartAndKeepsItsJson() throws Exception {
        Path png = dir.resolve("layers.png");
        CliRun d = CliRun.of("direction", "--model", model.toString(), "--data", data.toString(), "--out",
                dir.resolve("v.safetensors").toString(), "--chart", png.toString(), "--chart-size", "400x300",
                "--format", "json");
        assertEquals(0, d.exitCode(), d.err());
        byte[] bytes = Files.readAllBytes(png);
        assertEquals((byte) 0x89, bytes[0], "a PNG");
        JsonObject j = JsonParser.parseString(d.out()).getAsJsonObject();
        assertTrue(j.has("best_layer") && !j.has("chart"), d.out());
    }

    @Test
    void steerEvalWritesTheSweepChartAndPromptRefusesOne() throws Exception {
        Path vec = fitVector();
        Path svg = dir.resolve("sweep.svg");
        CliRun e = CliRun.of("steer", "--model", model.toString(), "--vector", vec.toString(), "--eval",
                data.toString(), "--alphas", "0,4", "--chart", svg.toString());
        assertEquals(0, e.exitCode(), e.err());
        assertTrue(Files.readString(svg).contains("<svg"));
        assertTrue(e.out().contains("wrote " + svg), e.out());

        Path png = dir.resolve("x.png");
        CliRun p = CliRun.of("steer", "--model", model.toString(), "--vector", vec.toString(), "--prompt", "the",
                "--chart", png.toString());
        assertEquals(CapeCommand.EXIT_USAGE, p.exitCode(), p.err());
        assertTrue(p.err().contains("--chart draws the sweep of --eval"), p.err());
        assertTrue(Files.notExists(png));
    }

    @Test
    void aBadChartExtensionIsRefusedBeforeTheModelLoads() {
        CliRun d = CliRun.of("direction", "--model", dir.resolve("no-such-model").toString(), "--data",
                data.toString(), "--out", dir.resolve("v.safetensors").toString(), "--chart", "layers.gif");
        assertEquals(CapeCommand.EXIT_USAGE, d.exitCode(), d.err());
        assertTrue(d.err().contains("--chart must end in .png or .svg: layers.gif"), d.err());
    }
}
