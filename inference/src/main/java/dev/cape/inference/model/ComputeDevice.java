package dev.cape.inference.model;

import ai.djl.Device;
import ai.djl.engine.Engine;
import java.util.Locale;

/** Device names the runtime accepts: {@code cpu} (default), {@code cuda} / {@code cuda:N} / {@code gpu:N}. */
public final class ComputeDevice {

    private ComputeDevice() {
    }

    /**
     * The DJL device for a name.
     *
     * @throws IllegalArgumentException for an unknown name, or a GPU that DJL's PyTorch engine cannot use (with why)
     */
    public static Device resolve(String name) {
        String n = name == null ? "cpu" : name.trim().toLowerCase(Locale.ROOT);
        if (n.equals("cpu")) {
            return Device.cpu();
        }
        int index;
        if (n.equals("cuda") || n.equals("gpu")) {
            index = 0;
        } else if (n.matches("(cuda|gpu):\\d+")) {
            index = Integer.parseInt(n.substring(n.indexOf(':') + 1));
        } else {
            throw new IllegalArgumentException("device must be cpu, cuda or cuda:N: " + name);
        }
        int gpus = Engine.getEngine("PyTorch").getGpuCount();
        if (gpus == 0) {
            throw new IllegalArgumentException("device " + name + ": no GPU is usable. DJL's PyTorch engine found none"
                    + " (the bundled libtorch is the CPU build, or no CUDA driver is present; cape doctor says which);"
                    + " see inference/README.md, 'GPU', for installing the CUDA libtorch");
        }
        if (index >= gpus) {
            throw new IllegalArgumentException("device " + name + ": only " + gpus + " GPU(s) found (cuda:0 .. cuda:"
                    + (gpus - 1) + ")");
        }
        return Device.gpu(index);
    }

    /**
     * Starts DJL's PyTorch engine (loads libtorch) if it is not running yet and describes it, e.g.
     * {@code "PyTorch 2.7.1, 0 GPU(s)"}. Benchmarks call it first so that engine start-up is not counted as model
     * loading.
     */
    public static String startEngine() {
        Engine engine = Engine.getEngine("PyTorch");
        return engine.getEngineName() + " " + engine.getVersion() + ", " + engine.getGpuCount() + " GPU(s)";
    }
}
