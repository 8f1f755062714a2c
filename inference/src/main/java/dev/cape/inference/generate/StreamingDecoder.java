package dev.cape.inference.generate;

import dev.cape.inference.tokenize.TextTokenizer;
import java.util.Arrays;

/**
 * Turns generated tokens into text as they arrive, without splitting a character: a character whose bytes span
 * several byte-fallback tokens is held back until it is complete. The text so far is the decoding of the last prompt
 * token plus every new token, less the decoding of that prompt token alone, so leading-space rules see the context.
 * Decoding is repeated per token (quadratic in the generated length; generations are hundreds of tokens).
 */
public final class StreamingDecoder {

    private final TextTokenizer tokenizer;
    private final String base;
    private int[] ids;
    private int n;
    private String emitted = "";

    /**
     * @param tokenizer the model's tokenizer
     * @param prompt    the prompt ids (may be empty)
     */
    public StreamingDecoder(TextTokenizer tokenizer, int[] prompt) {
        this.tokenizer = tokenizer;
        this.ids = new int[16];
        if (prompt.length > 0) {
            ids[n++] = prompt[prompt.length - 1];
        }
        this.base = tokenizer.decode(Arrays.copyOf(ids, n));
    }

    /** The text that {@code token} completes: possibly empty (a partial character), possibly several characters. */
    public String push(int token) {
        if (n == ids.length) {
            ids = Arrays.copyOf(ids, 2 * n);
        }
        ids[n++] = token;
        String full = tokenizer.decode(Arrays.copyOf(ids, n));
        String text = full.startsWith(base) ? full.substring(base.length()) : full;
        if (text.endsWith("\uFFFD")) {
            return "";  // an incomplete UTF-8 sequence: wait for its next byte
        }
        if (!text.startsWith(emitted)) {
            // the tokenizer rewrote earlier text (e.g. clean-up of spaces): emit only this token's own text
            String own = tokenizer.decodeNext(ids[n - 2 < 0 ? 0 : n - 2], token);
            emitted = text;
            return own;
        }
        String out = text.substring(emitted.length());
        emitted = text;
        return out;
    }

    /** Everything emitted so far. */
    public String text() {
        return emitted;
    }
}
