package dev.cape.app.cli;

import dev.cape.inference.model.LanguageModel;
import dev.cape.inference.model.ModelDtype;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --device} and {@code --dtype} options of the runtime commands (cape forward, generate, bench forward). */
public final class DeviceAndDtype {

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, cuda or cuda:N. Default: ${DEFAULT-VALUE}.")
    String device;

    @Option(names = "--dtype", defaultValue = "auto", paramLabel = "TYPE",
            description = {"auto, float32, float16 or bfloat16: weights, activations and KV cache (norm statistics,"
                    + " softmax and logits stay float32). auto: float32 on cpu, float16 on cuda. bfloat16 is refused:"
                    + " DJL 0.36 has no bfloat16 tensors. Default: ${DEFAULT-VALUE}."})
    String dtype;

    public String device() {
        return device;
    }

    /** The parsed dtype; an unknown name is a usage error naming the accepted ones. */
    public ModelDtype dtype() {
        return ModelDtype.parse(dtype);
    }

    /** {@code model} loaded on the device in the dtype. */
    public LanguageModel load(Path model) {
        return LanguageModel.load(model, device, dtype());
    }
}
