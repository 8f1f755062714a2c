package dev.cape.app.cli;

import dev.cape.inference.generate.Generation;
import dev.cape.inference.generate.GenerationOptions;
import dev.cape.inference.generate.Generator;
import dev.cape.inference.generate.StreamingDecoder;
import dev.cape.inference.model.LanguageModel;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code cape generate}: streams a continuation of a prompt, token by token, from a model folder. */
@Command(name = "generate", mixinStandardHelpOptions = true,
        header = "Generates text from a model, streaming each token (greedy, or temperature/top-k/top-p sampling).",
        description = "Generates text from a model (HF folder or llama2.c model.bin, with its tokenizer), "
                + "printing each token as it is chosen. Temperature 0 is greedy; otherwise temperature, top-k "
                + "and top-p sampling from --seed. Stops at the end-of-sequence token or after --max-tokens; "
                + "a summary goes to stderr.")
public final class GenerateCommand implements Callable<Integer> {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR|model.bin",
            description = "Hugging Face model folder, llama2.c model.bin (tokenizer.bin beside it), or a folder holding"
                    + " model.bin + tokenizer.bin.")
    Path model;

    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "The prompt.")
    String prompt;

    @Option(names = "--max-tokens", defaultValue = "64", paramLabel = "N",
            description = "New tokens at most. Default: ${DEFAULT-VALUE}.")
    int maxTokens;

    @Option(names = "--temperature", defaultValue = "0", paramLabel = "T",
            description = "0 = greedy. Default: ${DEFAULT-VALUE}.")
    double temperature;

    @Option(names = "--top-k", defaultValue = "0", paramLabel = "K", description = "0 = off."
            + " Default: ${DEFAULT-VALUE}.")
    int topK;

    @Option(names = "--top-p", defaultValue = "1", paramLabel = "P", description = "1 = off."
            + " Default: ${DEFAULT-VALUE}.")
    double topP;

    @Option(names = "--seed", defaultValue = "0", paramLabel = "S", description = "Sampling seed."
            + " Default: ${DEFAULT-VALUE}.")
    long seed;

    @Option(names = "--bos", negatable = true, description = "Prepend (--no-bos: do not prepend) the BOS id to the"
            + " prompt. Default: the tokenizer's convention (llama2.c: yes; tokenizer.json: no).")
    Boolean bos;

    @Mixin
    DeviceAndDtype runtime;

    @Override
    public Integer call() {
        OptionChecks.atLeast("--max-tokens", maxTokens, 1);
        OptionChecks.nonNegative("--temperature", temperature);
        OptionChecks.atLeast("--top-k", topK, 0);
        OptionChecks.unitInterval("--top-p", topP, true);
        GenerationOptions options = new GenerationOptions(maxTokens, temperature, topK, topP, seed, true);
        try (LanguageModel m = runtime.load(model)) {
            int[] ids = ForwardCommand.encode(m, prompt, bos);
            if (ids.length == 0) {
                throw new IllegalArgumentException("the prompt has no tokens");
            }
            StreamingDecoder text = new StreamingDecoder(m.tokenizer().orElseThrow(), ids);
            PrintWriter out = spec.commandLine().getOut();
            Generation g = Generator.generate(m, ids, options, (step, token) -> {
                out.print(text.push(token));
                out.flush();
            });
            out.println();
            out.flush();
            spec.commandLine().getErr().println("cape: " + g.tokens().length + " tokens, stopped: "
                    + g.reason().name().toLowerCase(java.util.Locale.ROOT));
            return CapeCommand.EXIT_OK;
        }
    }
}
