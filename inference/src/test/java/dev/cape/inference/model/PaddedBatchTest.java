package dev.cape.inference.model;

import static dev.cape.inference.Fixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cape.inference.Fixtures;
import dev.cape.inference.hook.Activation;
import dev.cape.inference.hook.HookPoints;
import dev.cape.inference.hook.HookSession;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Batches of unequal lengths, left-padded: every real position of every row equals its sequence run alone, in the
 * logits and in the padded layout of captured activations (1e-5, as for equal-length batches in
 * {@link CacheAndBatchTest}: float32 reassociation only, masked keys contribute exact zeros), and a padded KV cache
 * decodes as full recomputation does (1e-4, the cache test's tolerance).
 */
class PaddedBatchTest {

    static List<String> fixtures() {
        return Fixtures.names();
    }

    /** A sequence of {@code n} ids, different per {@code seed}, inside every fixture's vocabulary (≥ 96). */
    private static int[] sequence(int n, int seed) {
        int[] ids = new int[n];
        for (int i = 0; i < n; i++) {
            ids[i] = (i * 17 + seed * 29 + 3) % 90 + 4;
        }
        return ids;
    }

    @Test
    void unequalRowsContinuingACacheAreRefused() {
        try (LanguageModel m = LanguageModel.load(Fixtures.model("llama")); KvCache cache = m.newCache(2)) {
            m.forward(new int[][] {{5, 6, 7}, {8, 9, 10}}, cache, false);
            var e = assertThrows(IllegalArgumentException.class,
                    () -> m.forward(new int[][] {{11}, {12, 13}}, cache, false));
            assertEquals("sequences continuing a KV cache must have equal lengths: row 0 has 1, the longest 2",
                    e.getMessage());
            assertEquals(3, cache.length());
        }
    }

    @Test
    void anEmptyRowIsRefused() {
        try (LanguageModel m = LanguageModel.load(Fixtures.model("llama"))) {
            var e = assertThrows(IllegalArgumentException.class, () -> m.forward(new int[][] {{5, 6}, {}}));
            assertEquals("sequence 1 is empty", e.getMessage());
        }
    }

    @Test
    void equalLengthsArePaddedNowhere() {
        assertNull(Transformer.leftPadding(new int[][] {{1, 2, 3}, {4, 5, 6}}, null));
        assertArrayEquals(new int[] {4, 0, 2}, Transformer.leftPadding(new int[][] {sequence(3, 0), sequence(7, 1),
            sequence(5, 2)}, null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyRealPositionEqualsTheSequenceAlone(String name) {
        // 12 > the sliding windows of mistral (7) and gemma2 (6): windows apply in the longest row
        int[][] batch = {sequence(3, 0), sequence(12, 1), sequence(8, 2)};
        int t = 12;
        try (LanguageModel m = LanguageModel.load(Fixtures.model(name))) {
            int last = m.spec().nLayers() - 1;
            try (HookSession s = m.hooks().capture(HookPoints.residPost(last))) {
                Logits padded = m.forward(batch);
                Activation resid = s.require(HookPoints.residPost(last));  // [3, 12, d], padded layout
                assertEquals(t, padded.positions());
                for (int i = 0; i < batch.length; i++) {
                    int pad = t - batch[i].length;
                    Logits alone = m.forward(batch[i]);
                    Activation aloneResid = s.require(HookPoints.residPost(last));
                    assertClose(alone.last(0), padded.last(i), 1e-5, name + " row " + i + " last token");
                    for (int j = 0; j < batch[i].length; j++) {
                        assertClose(alone.row(0, j), padded.row(i, pad + j), 1e-5,
                                name + " row " + i + " token " + j);
                        assertClose(aloneResid.vector(0, j), resid.vector(i, pad + j), 1e-5,
                                name + " row " + i + " resid_post token " + j);
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"mistral", "gemma2"})
    void slidingWindowsCountRealTokensOnly(String name) {
        int[][] batch = {sequence(4, 3), sequence(20, 4), sequence(11, 5)};
        int t = 20;
        try (LanguageModel m = LanguageModel.load(Fixtures.model(name));
                HookSession s = m.hooks().capture(HookPoints.pattern(0))) {
            Logits padded = m.forward(batch);
            float[] pattern = s.require(HookPoints.pattern(0)).data();  // [3, H, 20, 20]
            int heads = m.spec().nHeads();
            for (int i = 0; i < batch.length; i++) {
                int pad = t - batch[i].length;
                Logits alone = m.forward(batch[i]);
                for (int j = 0; j < batch[i].length; j++) {
                    assertClose(alone.row(0, j), padded.row(i, pad + j), 1e-5, name + " row " + i + " token " + j);
                }
                for (int h = 0; h < heads; h++) {
                    for (int q = 0; q < t; q++) {
                        for (int k = 0; k < pad; k++) {  // pad keys: never attended, except a pad query by itself
                            float p = pattern[((i * heads + h) * t + q) * t + k];
                            assertEquals(q == k ? 1f : 0f, p, name + " row " + i + " head " + h + " q " + q + " k " + k);
                        }
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void paddedCacheDecodesAsFullRecomputation(String name) {
        int[][] prompts = {sequence(3, 6), sequence(7, 7), sequence(5, 8)};
        int steps = 3;
        try (LanguageModel m = LanguageModel.load(Fixtures.model(name)); KvCache cache = m.newCache(3)) {
            Logits prefill = m.forward(prompts, cache, false);
            assertEquals(7, cache.length());
            int[][] full = new int[3][];
            for (int i = 0; i < 3; i++) {
                full[i] = java.util.Arrays.copyOf(prompts[i], prompts[i].length + steps);
                assertClose(m.forward(prompts[i]).last(0), prefill.last(i), 1e-5, name + " prefill row " + i);
            }
            for (int step = 0; step < steps; step++) {
                int[][] next = new int[3][1];
                for (int i = 0; i < 3; i++) {
                    next[i][0] = (step * 31 + i * 7 + 11) % 90 + 4;
                    full[i][prompts[i].length + step] = next[i][0];
                }
                Logits decoded = m.forward(next, cache, false);
                for (int i = 0; i < 3; i++) {
                    int[] prefix = java.util.Arrays.copyOf(full[i], prompts[i].length + step + 1);
                    assertClose(m.forward(prefix).last(0), decoded.last(i), 1e-4,
                            name + " row " + i + " step " + step);
                }
            }
            assertEquals(7 + steps, cache.length());
        }
    }
}
