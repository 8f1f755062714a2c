package dev.cape.inference.model;

import static dev.cape.inference.Fixtures.assertClose;
import static dev.cape.inference.Fixtures.ints;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.cape.inference.Fixtures;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CPU unembedding multiplies a few rows by column blocks of its transposed copy, or of the stored matrix's
 * transposed view with {@code -Dcape.unembedCopy=false} (Transformer.unembed). Whatever the block count, including one
 * that leaves a remainder of columns, prompt and KV-cached decoding logits equal those of one plain product, and the
 * tied embedding read from the copy gives the fixture's greedy tokens.
 */
class UnembeddingBlocksTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"llama", "gpt2", "qwen3", "mistral"})  // untied, tied with learned positions, tied V=112, V=120
    void blockedProductsEqualOnePlainProduct(String name) {
        Path folder = Fixtures.model(name);
        int[] ids = ints(Fixtures.expected(folder).get("input_ids"));
        float[][] plain = decode(folder, ids, 1, true);
        for (boolean copy : new boolean[] {true, false}) {
            for (int blocks : new int[] {1, 2, 3, 5}) {
                float[][] blocked = decode(folder, ids, blocks, copy);
                for (int i = 0; i < plain.length; i++) {
                    assertClose(plain[i], blocked[i], 1e-5,
                            name + " with " + blocks + " blocks, copy " + copy + ", step " + i);
                }
            }
        }
        int[] greedy = ints(Fixtures.expected(folder).getAsJsonObject("greedy").get("new_tokens"));  // margins ≥ 3.9e-3
        assertEquals(Arrays.toString(greedy), Arrays.toString(greedyTokens(folder, ids, greedy.length, 3)));
    }

    /**
     * Last-position logits of the prompt and of 4 cached decoding steps (one row each), then the logits of every
     * position of a 6-token prompt (6 rows, still blocked, so the blocks' order across rows counts).
     */
    private static float[][] decode(Path folder, int[] ids, int blocks, boolean copy) {
        return withProperties(blocks, copy, () -> {
            try (LanguageModel m = LanguageModel.load(folder); KvCache cache = m.newCache(1)) {
                float[][] out = new float[6][];
                out[0] = m.forward(new int[][] {Arrays.copyOf(ids, Math.min(ids.length, 6))}, cache, false).last(0);
                for (int step = 1; step < 5; step++) {
                    out[step] = m.forward(new int[][] {{Logits.argmax(out[step - 1])}}, cache, false).last(0);
                }
                out[5] = m.forward(Arrays.copyOf(ids, 6)).data();
                return out;
            }
        });
    }

    private static int[] greedyTokens(Path folder, int[] ids, int n, int blocks) {
        return withProperties(blocks, true, () -> {
            try (LanguageModel m = LanguageModel.load(folder); KvCache cache = m.newCache(1)) {
                int[] tokens = new int[n];
                float[] last = m.forward(new int[][] {ids}, cache, false).last(0);
                for (int i = 0; i < n; i++) {
                    tokens[i] = Logits.argmax(last);
                    if (i + 1 < n) {
                        last = m.forward(new int[][] {{tokens[i]}}, cache, false).last(0);
                    }
                }
                return tokens;
            }
        });
    }

    private static <T> T withProperties(int blocks, boolean copy, java.util.function.Supplier<T> body) {
        String blocksBefore = System.getProperty(TokenEmbeddings.UNEMBED_BLOCKS_PROPERTY);
        String copyBefore = System.getProperty(TokenEmbeddings.UNEMBED_COPY_PROPERTY);
        System.setProperty(TokenEmbeddings.UNEMBED_BLOCKS_PROPERTY, Integer.toString(blocks));
        System.setProperty(TokenEmbeddings.UNEMBED_COPY_PROPERTY, Boolean.toString(copy));
        try {
            return body.get();
        } finally {
            restore(TokenEmbeddings.UNEMBED_BLOCKS_PROPERTY, blocksBefore);
            restore(TokenEmbeddings.UNEMBED_COPY_PROPERTY, copyBefore);
        }
    }

    private static void restore(String property, String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }
}
