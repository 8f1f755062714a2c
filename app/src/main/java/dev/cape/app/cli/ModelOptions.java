package dev.cape.app.cli;

import dev.cape.inference.eval.ModelFiles;
import dev.cape.inference.model.LanguageModel;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * The {@code --model DIR|model.bin} and {@code --device} options shared by the commands that run a language model
 * (cape direction, heads, steer and their benchmarks).
 */
public final class ModelOptions {

    @Option(names = "--model", required = true, paramLabel = "DIR|model.bin",
            description = "Hugging Face model folder or llama2.c model.bin (tokenizer.bin beside it).")
    Path model;

    @Option(names = "--device", defaultValue = "cpu", description = "cpu, cuda or cuda:N. Default: ${DEFAULT-VALUE}.")
    String device;

    /** The model file or folder as given. */
    public Path path() {
        return model;
    }

    /** The model, loaded on the device. */
    public LanguageModel load() {
        return ModelFiles.load(model, device);
    }
}
