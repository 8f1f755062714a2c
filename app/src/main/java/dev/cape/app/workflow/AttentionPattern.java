package dev.cape.app.workflow;

import dev.cape.inference.hook.Activation;
import dev.cape.inference.hook.HookPoints;
import dev.cape.inference.hook.HookSession;
import dev.cape.inference.model.LanguageModel;
import dev.cape.inference.tokenize.TextTokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * One attention head's pattern on one prompt: the softmax probabilities {@code weights[q][k]} with which query
 * position q attends to key position k ({@link HookPoints#pattern(int)}, TransformerLens' {@code hook_pattern}), and
 * the token strings of the positions. Under the causal mask {@code weights[q][k] = 0} for k &gt; q.
 *
 * @param model   short model id
 * @param prompt  the text that was tokenised
 * @param layer   decoder layer, from 0
 * @param head    query head, from 0
 * @param tokens  one display string per position
 * @param weights {@code [T][T]} probabilities, rows are queries
 */
public record AttentionPattern(String model, String prompt, int layer, int head, List<String> tokens,
                               float[][] weights) {

    public AttentionPattern {
        tokens = List.copyOf(tokens);
        float[][] copy = new float[weights.length][];
        for (int q = 0; q < weights.length; q++) {
            if (weights[q].length != tokens.size()) {
                throw new IllegalArgumentException("weights row " + q + " has " + weights[q].length + " values for "
                        + tokens.size() + " tokens");
            }
            copy[q] = weights[q].clone();
        }
        if (copy.length != tokens.size()) {
            throw new IllegalArgumentException("weights has " + copy.length + " rows for " + tokens.size() + " tokens");
        }
        weights = copy;
    }

    /** A copy of the probabilities, {@code [q][k]}. */
    @Override
    public float[][] weights() {
        float[][] copy = new float[weights.length][];
        for (int q = 0; q < weights.length; q++) {
            copy[q] = weights[q].clone();
        }
        return copy;
    }

    /** The probability with which query position q attends to key position k. */
    public float weight(int q, int k) {
        return weights[q][k];
    }

    /** Number of positions T. */
    public int size() {
        return tokens.size();
    }

    /**
     * Tokenises {@code prompt} with the model's tokenizer and its BOS convention, runs one forward pass capturing
     * {@link HookPoints#pattern(int)} of {@code layer}, and copies out the rows of {@code head}.
     *
     * @throws IllegalArgumentException for a layer or head outside the model (naming the valid range), an empty
     *                                  prompt, or a model without a tokenizer
     */
    public static AttentionPattern capture(LanguageModel lm, String model, String prompt, int layer, int head) {
        int layers = lm.spec().nLayers();
        int heads = lm.spec().nHeads();
        if (layer < 0 || layer >= layers) {
            throw new IllegalArgumentException("layer must be in [0, " + (layers - 1) + "] (the model has " + layers
                    + " layers): " + layer);
        }
        if (head < 0 || head >= heads) {
            throw new IllegalArgumentException("head must be in [0, " + (heads - 1) + "] (the model has " + heads
                    + " heads per layer): " + head);
        }
        TextTokenizer tokenizer = lm.tokenizer().orElseThrow(() -> new IllegalArgumentException(
                "an attention pattern of text needs the model's tokenizer (tokenizer.json, or tokenizer.bin beside a"
                        + " llama2.c model.bin)"));
        String text = prompt == null ? "" : prompt;
        int[] ids = tokenizer.encode(text, tokenizer.bosByDefault());
        if (ids.length == 0) {
            throw new IllegalArgumentException("the prompt has no tokens: '" + text + "'");
        }
        float[][] rows = new float[ids.length][];
        try (HookSession s = lm.hooks()) {
            s.capture(HookPoints.pattern(layer));
            lm.forward(ids);
            Activation pattern = s.require(HookPoints.pattern(layer));   // [1, H, T, T]
            for (int q = 0; q < ids.length; q++) {
                rows[q] = pattern.vector(0, head, q);   // [T]
            }
        }
        List<String> tokens = new ArrayList<>(ids.length);
        for (int id : ids) {
            tokens.add(tokenString(tokenizer, id));
        }
        return new AttentionPattern(model, text, layer, head, tokens, rows);
    }

    /** The text of one token; a special or empty one (BOS, unknown) is shown as {@code <bos>} or {@code [id]}. */
    static String tokenString(TextTokenizer tokenizer, int id) {
        if (tokenizer.bosId().isPresent() && tokenizer.bosId().getAsInt() == id) {
            return "<bos>";
        }
        String s = tokenizer.decode(new int[] {id}).strip();
        return s.isEmpty() ? "[" + id + "]" : s;
    }
}
