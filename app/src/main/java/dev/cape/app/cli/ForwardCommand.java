package dev.cape.app.cli;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.cape.inference.generate.GenerationOptions;
import dev.cape.inference.generate.Generator;
import dev.cape.inference.hook.Activation;
import dev.cape.inference.hook.HookPoints;
import dev.cape.inference.hook.HookSession;
import dev.cape.inference.model.LanguageModel;
import dev.cape.inference.model.Logits;
import dev.cape.inference.tokenize.TextTokenizer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code cape forward}: one forward pass of a model folder on token ids or text, printing what {@code --dump} asks for
 * as JSON, in the conventions of the tiny-model fixtures' {@code expected.json}.
 */
@Command(name = "forward", mixinStandardHelpOptions = true,
        header = "Runs a model on token ids or text and prints logits, hidden states, an attention pattern or greedy tokens as JSON.",
        description = "Runs a model (HF folder or llama2.c model.bin) on token ids or text and prints the "
                + "requested outputs as JSON: input_ids always; logits_last (the last N positions' logits), "
                + "hidden_states_last_pos (L+1 vectors at the last position, HF output_hidden_states order, "
                + "the last one after the final norm), pattern (attention probabilities of one layer and "
                + "head), greedy (N greedy continuation tokens).")
public final class ForwardCommand implements Callable<Integer> {

    static final class Input {
        @Option(names = "--ids", split = ",", paramLabel = "ID", description = "Token ids, comma-separated.")
        int[] ids;

        @Option(names = "--text", paramLabel = "TEXT", description = "Text, encoded with the model's tokenizer "
                + "(tokenizer.json, or llama2.c's tokenizer.bin).")
        String text;
    }

    /** What can be dumped. */
    record Dump(int logitsLast, boolean hiddenLast, int patternLayer, int patternHead) {

        static Dump parse(List<String> items) {
            int logits = 0;
            boolean hidden = false;
            int layer = -1;
            int head = -1;
            for (String item : items) {
                String s = item.trim();
                if (s.equals("hidden-last")) {
                    hidden = true;
                } else if (s.equals("logits-last")) {
                    logits = 1;
                } else if (s.startsWith("logits-last:")) {
                    logits = positiveInt(s, s.substring("logits-last:".length()));
                } else if (s.startsWith("pattern:")) {
                    String[] parts = s.split(":");
                    if (parts.length != 3) {
                        throw new IllegalArgumentException("--dump pattern needs pattern:LAYER:HEAD: " + s);
                    }
                    layer = nonNegativeInt(s, parts[1]);
                    head = nonNegativeInt(s, parts[2]);
                } else {
                    throw new IllegalArgumentException("--dump item must be logits-last[:N], hidden-last or "
                            + "pattern:L:H: " + s);
                }
            }
            return new Dump(logits, hidden, layer, head);
        }

        private static int positiveInt(String item, String v) {
            int n = nonNegativeInt(item, v);
            if (n == 0) {
                throw new IllegalArgumentException("--dump count must be > 0: " + item);
            }
            return n;
        }

        private static int nonNegativeInt(String item, String v) {
            try {
                int n = Integer.parseInt(v);
                if (n < 0) {
                    throw new NumberFormatException();
                }
                return n;
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--dump expects a non-negative integer in " + item + ": " + v);
            }
        }
    }

    /** Output formats. */
    enum Format { json }

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR|model.bin",
            description = "Hugging Face model folder, llama2.c model.bin (tokenizer.bin beside it), or a folder holding"
                    + " model.bin + tokenizer.bin.")
    Path model;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Input input;

    @Option(names = "--greedy", paramLabel = "N", defaultValue = "0",
            description = "Greedy continuation tokens to add (KV-cached; does not stop at EOS)."
                    + " Default: ${DEFAULT-VALUE}.")
    int greedy;

    @Option(names = "--dump", split = ",", paramLabel = "ITEM",
            description = "Outputs: logits-last[:N], hidden-last, pattern:LAYER:HEAD.")
    List<String> dump = new ArrayList<>();

    @Option(names = "--format", defaultValue = "json", description = "Output format: ${COMPLETION-CANDIDATES}."
            + " Default: ${DEFAULT-VALUE}.")
    Format format;

    @Option(names = "--bos", negatable = true, description = "With --text: prepend (--no-bos: do not prepend) the"
            + " BOS id. Default: the tokenizer's convention (llama2.c: yes; tokenizer.json: no).")
    Boolean bos;

    @Mixin
    DeviceAndDtype runtime;

    @Override
    public Integer call() {
        Dump d = Dump.parse(dump);
        if (greedy < 0) {
            throw new IllegalArgumentException("--greedy must be >= 0: " + greedy);
        }
        try (LanguageModel m = runtime.load(model)) {
            int[] ids = input.ids != null ? input.ids : encode(m, input.text, bos);
            if (ids.length == 0) {
                throw new IllegalArgumentException("the input has no tokens");
            }
            int layers = m.spec().nLayers();
            if (d.patternLayer() >= layers || d.patternHead() >= m.spec().nHeads()) {
                throw new IllegalArgumentException("--dump pattern:" + d.patternLayer() + ":" + d.patternHead()
                        + " is outside the model (" + layers + " layers, " + m.spec().nHeads() + " heads)");
            }
            if (d.logitsLast() > ids.length) {
                throw new IllegalArgumentException("--dump logits-last:" + d.logitsLast() + " asks for more positions"
                        + " than the input's " + ids.length);
            }
            JsonObject out = new JsonObject();
            out.add("input_ids", ints(ids));
            try (HookSession s = m.hooks()) {
                if (d.hiddenLast()) {
                    s.capture(HookPoints.EMBED).capture(HookPoints.FINAL_NORM);
                    for (int l = 0; l < layers - 1; l++) {
                        s.capture(HookPoints.residPost(l));
                    }
                }
                if (d.patternLayer() >= 0) {
                    s.capture(HookPoints.pattern(d.patternLayer()));
                }
                Logits logits = m.forward(ids);
                int t = ids.length;
                if (d.logitsLast() > 0) {
                    JsonArray rows = new JsonArray();
                    for (int p = t - d.logitsLast(); p < t; p++) {
                        rows.add(floats(logits.row(0, p)));
                    }
                    out.add("logits_last", rows);
                }
                if (d.hiddenLast()) {
                    JsonArray hidden = new JsonArray();
                    hidden.add(floats(s.require(HookPoints.EMBED).vector(0, t - 1)));
                    for (int l = 0; l < layers - 1; l++) {
                        hidden.add(floats(s.require(HookPoints.residPost(l)).vector(0, t - 1)));
                    }
                    hidden.add(floats(s.require(HookPoints.FINAL_NORM).vector(0, t - 1)));
                    out.add("hidden_states_last_pos", hidden);
                }
                if (d.patternLayer() >= 0) {
                    Activation pattern = s.require(HookPoints.pattern(d.patternLayer()));  // [1, H, T, T]
                    JsonObject p = new JsonObject();
                    p.addProperty("layer", d.patternLayer());
                    p.addProperty("head", d.patternHead());
                    JsonArray matrix = new JsonArray();
                    for (int q = 0; q < t; q++) {
                        matrix.add(floats(pattern.vector(0, d.patternHead(), q)));
                    }
                    p.add("matrix", matrix);
                    out.add("pattern", p);
                }
            }
            if (greedy > 0) {
                int[] tokens = Generator.generate(m, ids, GenerationOptions.withDefaults().withMaxTokens(greedy)
                        .withStopAtEos(false), null).tokens();
                out.add("greedy", ints(tokens));
            }
            spec.commandLine().getOut().println(new GsonBuilder().serializeSpecialFloatingPointValues().create()
                    .toJson(out));
            spec.commandLine().getOut().flush();
        }
        return CapeCommand.EXIT_OK;
    }

    /**
     * Encodes text with the model's tokenizer, refusing when the model has none.
     *
     * @param withBos whether to prepend BOS; null: the tokenizer's convention
     */
    static int[] encode(LanguageModel m, String text, Boolean withBos) {
        TextTokenizer t = m.tokenizer().orElseThrow(() -> new IllegalArgumentException(
                "text input needs a tokenizer (tokenizer.json in the model folder, or tokenizer.bin beside a"
                        + " llama2.c model.bin); or pass token ids"));
        return t.encode(text, withBos == null ? t.bosByDefault() : withBos);
    }

    private static JsonArray ints(int[] v) {
        JsonArray a = new JsonArray();
        for (int x : v) {
            a.add(x);
        }
        return a;
    }

    private static JsonArray floats(float[] v) {
        JsonArray a = new JsonArray();
        for (float x : v) {
            a.add(x);
        }
        return a;
    }
}
