package dev.cape.inference.generate;

/**
 * The result of a generation, with the settings that produced it.
 *
 * @param prompt  the prompt ids
 * @param tokens  the new ids (an EOS that stopped generation included)
 * @param reason  why it stopped
 * @param options the settings used
 */
public record Generation(int[] prompt, int[] tokens, StopReason reason, GenerationOptions options) {

    /** Why generation stopped. */
    public enum StopReason {
        /** An end-of-sequence token was generated. */
        EOS,
        /** {@code maxTokens} were generated. */
        MAX_TOKENS,
        /** The model's learned positions are used up. */
        CONTEXT_FULL,
        /** The thread was interrupted (its interrupt flag stays set). */
        CANCELLED
    }

    public Generation {
        prompt = prompt.clone();
        tokens = tokens.clone();
    }

    public int[] prompt() {
        return prompt.clone();
    }

    public int[] tokens() {
        return tokens.clone();
    }
}
