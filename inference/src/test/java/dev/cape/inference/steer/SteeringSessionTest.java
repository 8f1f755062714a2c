package dev.cape.inference.steer;

import static dev.cape.inference.Fixtures.floats;
import static dev.cape.inference.Fixtures.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.cape.inference.Fixtures;
import dev.cape.inference.hook.HookPoints;
import dev.cape.inference.hook.HookSession;
import dev.cape.inference.model.LanguageModel;
import dev.cape.inference.model.Logits;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class SteeringSessionTest {

    private static final String[] BEFORE = {"hook_embed", "blocks.0.hook_resid_pre", "blocks.0.hook_resid_post",
        "blocks.1.hook_resid_pre", "blocks.1.hook_attn_out", "blocks.1.hook_resid_mid", "blocks.1.hook_mlp_out"};

    @Test
    void wrongWidthOrLayerIsRefused() {
        try (LanguageModel m = LanguageModel.load(Fixtures.model("llama"))) {
            assertThrows(IllegalArgumentException.class, () -> SteeringSession.on(m).add(
                    new SteeringVector(0, unitX(65), 1), 1));
            assertThrows(IllegalArgumentException.class, () -> SteeringSession.on(m).add(
                    new SteeringVector(3, unitX(64), 1), 1));
            assertThrows(IllegalArgumentException.class, () -> new SteeringVector(0, new float[64], 1));
            assertThrows(IllegalArgumentException.class, () -> new SteeringVector(0, unitX(64), 0));
        }
    }

    @Test
    void residPostChangesByAlphaSigmaUnitAndNothingBeforeIt() {
        Path folder = Fixtures.model("llama");
        int[] ids = ints(Fixtures.expected(folder).get("input_ids"));
        float[] raw = new float[64];
        for (int i = 0; i < raw.length; i++) {
            raw[i] = (float) Math.sin(i + 1.0);
        }
        SteeringVector v = new SteeringVector(1, raw, 0.37);
        double alpha = 3.0;
        float[] delta = v.delta(alpha);
        try (LanguageModel m = LanguageModel.load(folder)) {
            float[][] plain = capture(m, ids, null);
            float[][] steered = capture(m, ids, SteeringSession.on(m).add(v, alpha));
            for (int i = 0; i < BEFORE.length; i++) {
                assertArrayEquals(plain[i], steered[i], 0f, BEFORE[i] + " must not change");
            }
            float[] a = plain[BEFORE.length];
            float[] b = steered[BEFORE.length];   // blocks.1.hook_resid_post [1, T, 64]
            for (int k = 0; k < a.length; k++) {
                float expected = a[k] + delta[k % 64];   // float32 addition, as the hook does
                assertTrue(b[k] == expected, "resid_post[" + k + "]: " + b[k] + " != " + a[k] + " + " + delta[k % 64]);
                // and the change is δ up to the rounding of one float32 addition
                assertTrue(Math.abs((b[k] - a[k]) - delta[k % 64]) <= Math.ulp(Math.max(Math.abs(a[k]), Math.abs(b[k]))),
                        "difference at " + k);
            }
            double norm = 0;
            for (float d : delta) {
                norm += (double) d * d;
            }
            assertTrue(Math.abs(Math.sqrt(norm) - alpha * 0.37) < 1e-6, "|delta| = alpha sigma");
        }
    }

    @Test
    void closingRestoresTheModelExactly() {
        Path folder = Fixtures.model("llama");
        int[] ids = ints(Fixtures.expected(folder).get("input_ids"));
        try (LanguageModel m = LanguageModel.load(folder)) {
            Logits before = m.forward(ids);
            SteeringVector v = new SteeringVector(0, unitX(64), 2);
            SteeringVector w = new SteeringVector(2, unitX(64), 1);
            Logits during;
            try (SteeringSession s = SteeringSession.on(m).add(v, 4).add(w, -2).open()) {
                during = m.forward(ids);
                assertTrue(s.isOpen());
            }
            Logits after = m.forward(ids);
            assertArrayEquals(before.data(), after.data(), 0f);
            assertTrue(Fixtures.maxAbsDiff(before.data(), during.data()) > 1e-3, "steering changed the logits");
        }
    }

    @Test
    void matchesTheFixtureSteeringExample() {
        Path folder = Fixtures.model("llama");
        JsonObject exp = Fixtures.expected(folder);
        JsonObject ex = exp.getAsJsonObject("steering_example");
        int[] ids = ints(exp.get("input_ids"));
        // the fixture adds alpha · vector (unit norm); as a steering vector: sigma 1
        SteeringVector v = new SteeringVector(ex.get("layer").getAsInt(), floats(ex.get("vector")), 1);
        try (LanguageModel m = LanguageModel.load(folder);
                SteeringSession s = SteeringSession.on(m).add(v, ex.get("alpha").getAsDouble()).open()) {
            Logits l = m.forward(ids);
            var positions = exp.getAsJsonObject("logits_last3").getAsJsonArray("positions");
            for (int i = 0; i < positions.size(); i++) {
                Fixtures.assertClose(floats(ex.getAsJsonArray("logits_last3").get(i)),
                        l.row(0, positions.get(i).getAsInt()), 1e-4, "steered logits");
            }
        }
    }

    @Test
    void fromPositionSteersOnlyLaterPositionsAlsoWithACache() {
        Path folder = Fixtures.model("llama");
        int[] ids = ints(Fixtures.expected(folder).get("input_ids"));
        int from = ids.length - 2;
        SteeringVector v = new SteeringVector(0, unitX(64), 3);
        try (LanguageModel m = LanguageModel.load(folder)) {
            Logits plain = m.forward(ids);
            Logits steered;
            try (SteeringSession s = SteeringSession.on(m).fromPosition(from).add(v, 1).open()) {
                steered = m.forward(ids);
                // cached decoding: the prompt without steering, then the last positions steered
                try (var cache = m.newCache(1)) {
                    m.forward(new int[][] {java.util.Arrays.copyOf(ids, from)}, cache, true);
                    Logits tail = m.forward(new int[][] {java.util.Arrays.copyOfRange(ids, from, ids.length)}, cache,
                            true);
                    Fixtures.assertClose(steered.row(0, ids.length - 1), tail.row(0, 1), 1e-4, "cached = full");
                }
            }
            for (int p = 0; p < from; p++) {
                assertArrayEquals(plain.row(0, p), steered.row(0, p), 0f, "position " + p + " unsteered");
            }
            assertTrue(Fixtures.maxAbsDiff(plain.row(0, from), steered.row(0, from)) > 1e-4, "position " + from);
        }
    }

    private static float[] unitX(int d) {
        float[] v = new float[d];
        v[0] = 1;
        return v;
    }

    /** BEFORE points, then blocks.1.hook_resid_post, with the given steering open (captures after it). */
    private static float[][] capture(LanguageModel m, int[] ids, SteeringSession.Builder steering) {
        SteeringSession st = steering == null ? null : steering.open();
        try (HookSession s = m.hooks()) {
            List<String> points = new java.util.ArrayList<>(List.of(BEFORE));
            points.add(HookPoints.residPost(1));
            points.forEach(s::capture);
            m.forward(ids);
            return points.stream().map(p -> s.require(p).data()).toArray(float[][]::new);
        } finally {
            if (st != null) {
                st.close();
            }
        }
    }

    @Test
    void aSteeredComparisonStreamsEachRunsTokensToItsListener() {
        try (LanguageModel m = LanguageModel.load(Fixtures.model("llama"))) {
            float[] v = new float[m.spec().dModel()];
            v[0] = 1;
            SteeringVector vector = new SteeringVector(0, v, 1.0);
            java.util.List<Integer> plain = new java.util.ArrayList<>();
            java.util.List<Integer> steered = new java.util.ArrayList<>();
            java.util.List<Integer> steps = new java.util.ArrayList<>();
            SteeredGeneration.Comparison c = SteeredGeneration.compare(m, new int[] {1, 2, 3},
                    dev.cape.inference.generate.GenerationOptions.withDefaults().withMaxTokens(5),
                    SteeringSession.on(m).add(vector, 8), false, (step, token) -> {
                        plain.add(token);
                        steps.add(step);
                    }, (step, token) -> steered.add(token));
            assertArrayEquals(c.unsteered().tokens(), plain.stream().mapToInt(Integer::intValue).toArray());
            assertArrayEquals(c.steered().tokens(), steered.stream().mapToInt(Integer::intValue).toArray());
            org.junit.jupiter.api.Assertions.assertEquals(java.util.stream.IntStream.range(0, plain.size()).boxed()
                    .toList(), steps);
            SteeredGeneration.Comparison quiet = SteeredGeneration.compare(m, new int[] {1, 2, 3},
                    dev.cape.inference.generate.GenerationOptions.withDefaults().withMaxTokens(5),
                    SteeringSession.on(m).add(vector, 8), false);
            assertArrayEquals(quiet.steered().tokens(), c.steered().tokens(), "listeners change nothing");
        }
    }
}
