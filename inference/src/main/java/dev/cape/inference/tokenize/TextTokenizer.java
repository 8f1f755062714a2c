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

    /**
     * Text of {@code ids} as they continue {@code prompt}: decoded after the prompt's last token, less that token's
     * own text, so the leading space a decoder drops at the start of a text is kept ("is" + " shining", not
     * "shining").
     */
    default String decodeContinuation(int[] prompt, int[] ids) {
        if (prompt.length == 0) {
            return decode(ids);
        }
        int[] context = new int[ids.length + 1];
        context[0] = prompt[prompt.length - 1];
        System.arraycopy(ids, 0, context, 1, ids.length);
        String base = decode(new int[] {context[0]});
        String full = decode(context);
        return full.startsWith(base) ? full.substring(base.length()) : decode(ids);
    }

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
