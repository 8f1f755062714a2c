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
}
