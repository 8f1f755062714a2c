package dev.cape.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class BenchAnalysisCommandsTest {

    @Test
    void zeroRunsIsBadUsage() {
        CliRun run = CliRun.of("bench", "ode", "--warmup", "0", "--runs", "0");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("--runs >= 1"), run.err());
    }

    @Test
    void benchOdePrintsWallAndCpuTimes() {
        CliRun run = CliRun.of("bench", "ode", "--warmup", "0", "--runs", "1");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("cape bench ode: bundled base_models.csv, 155 models"), run.out());
        assertTrue(run.out().contains("run 1: ") && run.out().contains(" s CPU"), run.out());
        assertTrue(run.out().contains("ode with lambda by cross-validation: min "), run.out());
    }

    @Test
    void benchReportRunsTheReportAndCleansUp() {
        CliRun run = CliRun.of("bench", "report", "--warmup", "0", "--runs", "1");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().contains("report end to end: min "), run.out());
    }

    @Test
    void benchDiagnoseTimesTheDiagnosisAndRejectsBadCounts() {
        CliRun run = CliRun.of("bench", "diagnose", "--warmup", "0", "--runs", "1");
        assertEquals(0, run.exitCode(), run.err());
        assertTrue(run.out().startsWith("cape bench diagnose: bundled base_models.csv, 155 models"), run.out());
        assertTrue(run.out().contains("full default diagnosis: min "), run.out());
        CliRun bad = CliRun.of("bench", "diagnose", "--runs", "0");
        assertEquals(2, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("--runs >= 1"), bad.err());
    }
}
