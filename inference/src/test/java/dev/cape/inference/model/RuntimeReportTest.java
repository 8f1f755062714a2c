package dev.cape.inference.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class RuntimeReportTest {

    @Test
    void theVerdictSaysWhyCudaIsNotUsable() {
        assertEquals("only cpu is usable: no CUDA runtime was found (no NVIDIA GPU, or no driver)",
                RuntimeReport.verdict(0, false, "", "cpu"));
        String cpuBuild = RuntimeReport.verdict(0, true, "12.4", "cpu");
        assertTrue(cpuBuild.contains("CUDA 12.4 is present, but libtorch is the CPU build"), cpuBuild);
        String other = RuntimeReport.verdict(0, true, "12.4", "cu118");
        assertTrue(other.contains("found no GPU it can use"), other);
        assertEquals("cpu and cuda:0 are usable", RuntimeReport.verdict(1, true, "12.4", "cu124"));
        assertEquals("cpu and cuda:0 .. cuda:3 are usable", RuntimeReport.verdict(4, true, "12.4", "cu124"));
    }

    @Test
    void theBuildIsReadFromDjlsCacheFolderName() {
        assertEquals("cpu", RuntimeReport.flavor("2.7.1-20250812-cpu-linux-x86_64"));
        assertEquals("cu124", RuntimeReport.flavor("2.5.1-cu124-linux-x86_64"));
        assertEquals("", RuntimeReport.flavor("libtorch"));
    }

    @Test
    void theProbeOfThisMachineAgreesWithTheEngine() {
        RuntimeReport r = RuntimeReport.probe();
        assertFalse(r.engineVersion().isEmpty());
        int gpus = ai.djl.engine.Engine.getEngine("PyTorch").getGpuCount();
        assertEquals(gpus, r.gpus().size());
        assertEquals(gpus > 0, r.verdict().startsWith("cpu and cuda:0"), r.verdict());
        assertTrue(r.offline(), "DJL never downloads here");
    }
}
