package dev.cape.inference.tokenize;

import java.util.OptionalInt;

/** Text ↔ token ids for one model (Hugging Face tokenizer.json, llama2.c tokenizer.bin, ...). */
public interface TextTokenizer extends AutoCloseable {

    /** Token ids of {@code text}; with {@code addBos} the model's BOS id first when it has one. */
    int[] encode(String text, boolean addBos);

    /** Text of a sequence of ids (special tokens skipped). */
    String decode(int[] ids);

    /** Text of one token as it continues {@code previous} (for streaming; handles leading-space rules). */
    String decodeNext(int previous, int id);

    OptionalInt bosId();

    /**
     * Whether text for this model conventionally starts with BOS when the caller does not say (llama2.c's run.c
     * always prepends it; a {@code tokenizer.json} is used as written, without it).
     */
    default boolean bosByDefault() {
        return false;
    }

    OptionalInt eosId();

    int vocabSize();

    @Override
    default void close() {
    }
}
