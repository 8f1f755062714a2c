package dev.cape.inference.model;

import static dev.cape.inference.Fixtures.assertClose;
import static dev.cape.inference.Fixtures.ints;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.inference.Fixtures;
import dev.cape.inference.hook.HookPoints;
import dev.cape.inference.hook.HookSession;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Properties of the forward pass: a batch equals its rows run alone, and KV-cache decoding equals recomputing the whole
 * sequence (1e-5 / 1e-4: float32 reassociation only, as the kernels see different shapes).
 */
class CacheAndBatchTest {

    static List<String> fixtures() {
        return Fixtures.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void batchedEqualsUnbatched(String name) {
        Path folder = Fixtures.model(name);
        int[] a = ints(Fixtures.expected(folder).get("input_ids"));
        int[] b = a.clone();
        for (int i = 0; i < b.length; i++) {
            b[i] = (a[b.length - 1 - i] + 7) % 90;
        }
        try (LanguageModel m = LanguageModel.load(folder)) {
            Logits both = m.forward(new int[][] {a, b});
            Logits alone = m.forward(b);
            for (int p = 0; p < b.length; p++) {
                assertClose(alone.row(0, p), both.row(1, p), 1e-5, name + " row 1 position " + p);
            }
            assertClose(m.forward(a).row(0, a.length - 1), both.row(0, a.length - 1), 1e-5, name + " row 0");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void kvCacheDecodingEqualsFullRecomputation(String name) {
        Path folder = Fixtures.model(name);
        int[] ids = ints(Fixtures.expected(folder).get("input_ids"));
        int[] full = Arrays.copyOf(ids, ids.length + 6);
        for (int i = ids.length; i < full.length; i++) {
            full[i] = (i * 13) % 90;
        }
        try (LanguageModel m = LanguageModel.load(folder); KvCache cache = m.newCache(1)) {
            Logits reference = m.forward(full);
            Logits prompt = m.forward(new int[][] {Arrays.copyOf(full, 5)}, cache, true);
            for (int p = 0; p < 5; p++) {
                assertClose(reference.row(0, p), prompt.row(0, p), 1e-4, name + " prompt position " + p);
            }
            for (int p = 5; p < full.length; p++) {
                Logits step = m.forward(new int[][] {{full[p]}}, cache, false);
                assertClose(reference.row(0, p), step.last(0), 1e-4, name + " cached step at position " + p);
            }
            assertEquals(full.length, cache.length());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void selectedRowsContinueAsTheirPromptsWouldAlone(String name) {
        try (LanguageModel m = LanguageModel.load(Fixtures.model(name)); KvCache prompts = m.newCache(2)) {
            int[][] p = {{5, 6, 7}, {8, 9, 10}};
            m.forward(p, prompts, false);
            int[][] next = {{11, 12}, {13, 14}, {15, 16}};
            try (KvCache rows = prompts.select(new int[] {1, 0, 1}, 2)) {
                assertEquals(3, rows.batch());
                assertEquals(3, rows.length());
                Logits cont = m.forward(next, rows, true);
                int[] owner = {1, 0, 1};
                for (int i = 0; i < 3; i++) {
                    Logits alone = m.forward(new int[] {p[owner[i]][0], p[owner[i]][1], p[owner[i]][2], next[i][0],
                        next[i][1]});
                    for (int j = 0; j < 2; j++) {
                        assertClose(alone.row(0, 3 + j), cont.row(i, j), 1e-4, name + " row " + i + " position " + j);
                    }
                }
            }
            assertEquals(3, prompts.length(), "the cache selected from is unchanged");
            assertThrows(IllegalArgumentException.class, () -> prompts.select(new int[] {2}, 1));
        }
    }

    @Test
    void aCacheSizedForAFewPositionsGrowsPastThem() {
        try (LanguageModel m = LanguageModel.load(Fixtures.model("llama")); KvCache cache = m.newCache(1, 3)) {
            int[] full = {5, 6, 7, 8, 9, 10, 11, 12};
            Logits reference = m.forward(full);
            m.forward(new int[][] {{5, 6, 7}}, cache, false);
            assertEquals(3, cache.capacity());
            Logits rest = m.forward(new int[][] {{8, 9, 10, 11, 12}}, cache, true);
            for (int p = 0; p < 5; p++) {
                assertClose(reference.row(0, 3 + p), rest.row(0, p), 1e-4, "position " + (3 + p));
            }
            assertTrue(cache.capacity() >= 8, "grew: " + cache.capacity());
        }
    }

    @Test
    void cacheGrowingPastItsInitialCapacityKeepsEveryPositionForEachRow() {
        Path folder = Fixtures.model("qwen2");  // RoPE, GQA: no learned-position limit
        int n = KvCache.INITIAL_CAPACITY + 12;
        int[][] full = new int[2][n];
        for (int i = 0; i < n; i++) {
            full[0][i] = (i * 7 + 3) % 90;
            full[1][i] = (i * 11 + 5) % 90;
        }
        try (LanguageModel m = LanguageModel.load(folder); KvCache cache = m.newCache(2)) {
            Logits reference = m.forward(full);
            int prompt = KvCache.INITIAL_CAPACITY - 4;
            int[][] head = {Arrays.copyOf(full[0], prompt), Arrays.copyOf(full[1], prompt)};
            m.forward(head, cache, false);
            assertEquals(KvCache.INITIAL_CAPACITY, cache.capacity());
            for (int p = prompt; p < n; p++) {
                Logits step = m.forward(new int[][] {{full[0][p]}, {full[1][p]}}, cache, false);
                assertClose(reference.row(0, p), step.last(0), 1e-4, "row 0, cached step at position " + p);
                assertClose(reference.row(1, p), step.last(1), 1e-4, "row 1, cached step at position " + p);
            }
            assertEquals(2 * KvCache.INITIAL_CAPACITY, cache.capacity());
            assertEquals(n, cache.length());
        }
    }

    @Test
    void failedForwardLeavesTheCacheLengthUnchanged() {
        try (LanguageModel m = LanguageModel.load(Fixtures.model("llama")); KvCache cache = m.newCache(1)) {
            m.forward(new int[][] {{5, 6, 7}}, cache, false);
            try (var s = m.hooks().edit(dev.cape.inference.hook.HookPoints.residPost(1), (x, ctx) -> {
                throw new IllegalStateException("edit fails");
            })) {
                assertThrows(IllegalStateException.class, () -> m.forward(new int[][] {{8, 9}}, cache, false));
            }
            assertEquals(3, cache.length());
            Logits next = m.forward(new int[][] {{8}}, cache, false);
            assertClose(m.forward(new int[] {5, 6, 7, 8}).last(0), next.last(0), 1e-4, "after the failed forward");
            assertEquals(4, cache.length());
        }
    }

    @Test
    void cachedPatternCoversCachedAndNewKeys() {
        Path folder = Fixtures.model("mistral");  // sliding window 7
        try (LanguageModel m = LanguageModel.load(folder); KvCache cache = m.newCache(1);
                HookSession s = m.hooks().capture(HookPoints.pattern(0))) {
            m.forward(new int[][] {{5, 6, 7, 8, 9, 10, 11, 12, 13, 14}}, cache, false);
            m.forward(new int[][] {{15}}, cache, false);
            float[] row = s.require(HookPoints.pattern(0)).vector(0, 0, 0);  // [11 keys]
            assertEquals(11, row.length);
            for (int j = 0; j < 4; j++) {
                assertEquals(0f, row[j], "key " + j + " is outside the window of query 10");
            }
        }
    }

    @Test
    void badBatchesAreRefused() {
        try (LanguageModel m = LanguageModel.load(Fixtures.model("gpt2")); KvCache cache = m.newCache(2)) {
            assertThrows(IllegalArgumentException.class, () -> m.forward(new int[][] {{1}, new int[65]}));  // padded
            assertThrows(IllegalArgumentException.class, () -> m.forward(new int[] {}));
            assertThrows(IllegalArgumentException.class, () -> m.forward(new int[] {1, 128}));
            assertThrows(IllegalArgumentException.class, () -> m.forward(new int[][] {{1}}, cache, true));
            assertThrows(IllegalArgumentException.class, () -> m.forward(new int[65]));  // 64 learned positions
        }
    }

    @Test
    void forwardsLeaveNoNativeArraysBehind() {
        try (LanguageModel m = LanguageModel.load(Fixtures.model("gemma2"))) {
            int before = m.managedArrays();
            try (HookSession s = m.hooks().capture(HookPoints.result(1)).capture(HookPoints.pattern(0))
                    .add(HookPoints.residPost(0), new float[m.spec().dModel()], 1.0)) {
                for (int i = 0; i < 3; i++) {
                    m.forward(new int[][] {{5, 6, 7}, {8, 9, 10}});
                    m.forward(new int[][] {{5, 6, 7}, {8}});  // padded: masks and position tables too
                }
                try (KvCache cache = m.newCache(1)) {
                    m.forward(new int[][] {{5, 6, 7}}, cache, false);
                    m.forward(new int[][] {{8}}, cache, false);
                    assertTrue(m.managedArrays() > before, "the cache holds keys and values");
                }
            }
            assertEquals(before, m.managedArrays());
        }
    }
}
