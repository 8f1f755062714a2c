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
        if (java.nio.file.Files.isReadable(java.nio.file.Path.of("/proc/self/maps"))) {
            assertTrue(java.nio.file.Files.isRegularFile(java.nio.file.Path.of(r.libtorch(), "libtorch_cpu.so")),
                    "the folder of the libtorch this JVM mapped: " + r.libtorch());
        }
    }

    @Test
    void theLoadedLibraryIsReadFromTheProcessMaps(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Path maps = dir.resolve("maps");
        java.nio.file.Files.writeString(maps, """
                7f00a000-7f00b000 r--p 00000000 08:01 11 /usr/lib/x86_64-linux-gnu/libc.so.6
                7f10a000-7f20b000 r-xp 00100000 08:01 12 /home/u/.djl.ai/pytorch/2.7.1-20250812-cpu-linux-x86_64/libtorch_cpu.so
                7f30a000-7f30b000 rw-p 00000000 00:00 0
                """);
        assertEquals(java.nio.file.Path.of("/home/u/.djl.ai/pytorch/2.7.1-20250812-cpu-linux-x86_64/libtorch_cpu.so"),
                RuntimeReport.loadedLibtorch(maps));
        java.nio.file.Files.writeString(maps, """
                7f10a000-7f20b000 r-xp 00100000 08:01 12 /opt/libtorch/lib/libtorch_cpu.so
                7f40a000-7f50b000 r-xp 00100000 08:01 13 /opt/libtorch/lib/libtorch_cuda.so
                """);
        assertEquals("libtorch_cuda.so", RuntimeReport.loadedLibtorch(maps).getFileName().toString(),
                "a CUDA build maps both; the CUDA library says which it is");
        java.nio.file.Files.writeString(maps, "7f00a000-7f00b000 r--p 00000000 08:01 11 /usr/lib/libc.so.6\n");
        assertEquals(null, RuntimeReport.loadedLibtorch(maps));
        assertEquals(null, RuntimeReport.loadedLibtorch(dir.resolve("absent")));
    }
}
