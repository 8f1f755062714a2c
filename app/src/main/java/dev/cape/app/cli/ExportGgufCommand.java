package dev.cape.app.cli;

import dev.cape.inference.direction.DirectionFile;
import dev.cape.inference.direction.GgufControlVector;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code cape export-gguf}: a direction file as a llama.cpp control vector. */
@Command(name = "export-gguf", mixinStandardHelpOptions = true,
        header = "Writes a direction file as a llama.cpp control-vector GGUF.",
        description = "Writes a direction file as a llama.cpp control-vector GGUF: tensor direction.N (F32, "
                + "d_model) holds sigma·v for block N's output (llama.cpp's l_out of layer N, 0-based, as our "
                + "blocks.N.hook_resid_post), so llama.cpp's --control-vector-scaled FILE A steers like cape "
                + "steer --alpha A. Block 0 has no slot in llama.cpp and cannot be exported.")
public final class ExportGgufCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "VECTOR", description = "Direction file (safetensors, from cape direction).")
    Path vector;

    @Option(names = "--out", required = true, paramLabel = "FILE", description = "GGUF file to write.")
    Path out;

    @Option(names = "--layer", paramLabel = "L", description = "Layer to export (default: the file's chosen layer).")
    Integer layer;

    @Option(names = "--all-layers", description = "Export every stored layer from 1 on (llama.cpp then adds all).")
    boolean allLayers;

    @Override
    public Integer call() {
        OutputTarget.checkFile(out, "--out");
        DirectionFile.Stored stored = DirectionFile.read(vector);
        if (layer != null) {
            DirectionFile.layer(stored, layer, vector);   // names the file when the layer is not in it
        }
        Map<Integer, float[]> vs = GgufControlVector.scaledVectors(stored, allLayers,
                layer == null ? stored.layer() : layer);
        String hint = stored.meta("model_id");
        GgufControlVector.write(vs, hint, out);
        spec.commandLine().getOut().printf("wrote %s: %d direction tensor(s) %s, model hint '%s'%n", out, vs.size(),
                vs.keySet(), hint);
        spec.commandLine().getOut().flush();
        return CapeCommand.EXIT_OK;
    }
}
