package dev.cape.inference.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import ai.djl.engine.Engine;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** Device names: cpu always; cuda only when DJL's PyTorch engine sees a GPU, else a message saying why not. */
class ComputeDeviceTest {

    @Test
    void unknownDeviceNamesAreRefused() {
        String m = assertThrows(IllegalArgumentException.class, () -> ComputeDevice.resolve("tpu")).getMessage();
        assertTrue(m.contains("cpu, cuda or cuda:N: tpu"), m);
        assertThrows(IllegalArgumentException.class, () -> ComputeDevice.resolve("cuda:x"));
    }

    @Test
    void cpuIsTheDefault() {
        assertEquals(Device.cpu(), ComputeDevice.resolve(null));
        assertEquals(Device.cpu(), ComputeDevice.resolve(" CPU "));
    }

    @Test
    void cudaWithoutAGpuSaysNoGpuIsUsable() {
        Assumptions.assumeTrue(Engine.getEngine("PyTorch").getGpuCount() == 0, "this machine has a usable GPU");
        String m = assertThrows(IllegalArgumentException.class, () -> ComputeDevice.resolve("cuda:0")).getMessage();
        assertTrue(m.contains("no GPU is usable") && m.contains("README"), m);
    }

    @Test
    void cudaIndexBeyondTheGpusIsRefused() {
        int gpus = Engine.getEngine("PyTorch").getGpuCount();
        Assumptions.assumeTrue(gpus > 0, "no GPU on this machine");
        assertEquals(Device.gpu(0), ComputeDevice.resolve("cuda"));
        assertThrows(IllegalArgumentException.class, () -> ComputeDevice.resolve("cuda:" + gpus));
    }
}
