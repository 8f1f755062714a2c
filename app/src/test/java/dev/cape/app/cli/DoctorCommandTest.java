package dev.cape.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import org.junit.jupiter.api.Test;

class DoctorCommandTest {

    @Test
    void jsonHasTheRuntimeTheDisplayAndTheVerdict() {
        CliRun run = CliRun.of("doctor", "--format", "json");
        assertEquals(0, run.exitCode(), run.err());
        JsonObject j = JsonParser.parseString(run.out()).getAsJsonObject();
        for (String key : new String[] {"version", "java", "display", "engine", "cuda", "verdict"}) {
            assertTrue(j.has(key), "doctor JSON lacks " + key + ": " + run.out());
        }
        assertEquals("PyTorch", j.getAsJsonObject("engine").get("engine").getAsString());
        int gpus = j.getAsJsonObject("cuda").getAsJsonArray("gpus").size();
        assertEquals(ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount(), gpus);
        assertEquals(gpus == 0, j.get("verdict").getAsString().startsWith("only cpu is usable"), run.out());
    }

    @Test
    void textEndsWithTheDevicesLine() {
        CliRun run = CliRun.of("doctor");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("CAPE Workbench "), run.out());
        assertTrue(run.out().strip().lines().reduce((a, b) -> b).orElseThrow().startsWith("devices: "), run.out());
    }

    @Test
    void aRuntimeThatCannotStartIsReportedNotThrown(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // a fresh JVM (this one's engine is running already) whose DJL cache is a file: libtorch cannot be extracted
        java.nio.file.Path notAFolder = java.nio.file.Files.writeString(dir.resolve("cache"), "x");
        ProcessBuilder pb = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Dai.djl.offline=true", "-cp", System.getProperty("java.class.path"),
                "dev.cape.app.Main", "doctor").redirectErrorStream(true);
        pb.environment().put("DJL_CACHE_DIR", notAFolder.toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, java.util.concurrent.TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("PyTorch engine: could not start") && out.contains(
                "devices: the model runtime could not start: "), out);
        assertTrue(out.contains("Java: "), "the rest is still reported: " + out);
    }
}
