package dev.cape.inference.direction;

import dev.cape.inference.tokenize.TextTokenizer;
import java.util.Locale;

/**
 * Whether the statements whose activations a direction is fitted on start with the BOS token. llama2.c models were
 * trained with BOS before every story and {@code run.c} always prepends it, so {@link #TOKENIZER_DEFAULT} (the
 * tokenizer's {@link TextTokenizer#bosByDefault()}) is the model's own convention. {@link #NONE} encodes the bare
 * text, as a pipeline that calls {@code Tokenizer.encode(s, bos=False, eos=False)} does; on stories15M with
 * {@code larger_than} it changes the late-layer last-token geometry (see {@code inference/README.md}).
 */
public enum StatementBos {
    /** BOS when the tokenizer's convention says so (llama2.c: yes; a {@code tokenizer.json}: as written). */
    TOKENIZER_DEFAULT,
    /** Never BOS. */
    NONE;

    /** Command-line name: {@code default} or {@code none}. */
    public String id() {
        return this == TOKENIZER_DEFAULT ? "default" : "none";
    }

    /** Whether {@code tokenizer} should prepend its BOS id. */
    public boolean addBos(TextTokenizer tokenizer) {
        return this == TOKENIZER_DEFAULT && tokenizer.bosByDefault();
    }

    public static StatementBos parse(String id) {
        for (StatementBos b : values()) {
            if (b.id().equals(id.toLowerCase(Locale.ROOT))) {
                return b;
            }
        }
        throw new IllegalArgumentException("unknown BOS setting '" + id + "', expected default or none");
    }
}
