package dev.cape.inference.model;

import static dev.cape.inference.Fixtures.assertClose;
import static dev.cape.inference.Fixtures.floats;
import static dev.cape.inference.Fixtures.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.cape.inference.Fixtures;
import dev.cape.inference.hook.Activation;
import dev.cape.inference.hook.HookPoints;
import dev.cape.inference.hook.HookSession;
import dev.cape.inference.safetensors.SafetensorsCheckpoint;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Hook sessions: identity edits are neutral, closing restores, steering matches the fixtures, hook_result decomposes. */
class HookBehaviourTest {

    static List<String> fixtures() {
        return Fixtures.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void steeringExampleMatchesAnAddHookOnLayerZeroResidPost(String name) {
        Path folder = Fixtures.model(name);
        JsonObject exp = Fixtures.expected(folder);
        JsonObject steer = exp.getAsJsonObject("steering_example");
        int layer = steer.get("layer").getAsInt();
        int[] ids = ints(exp.get("input_ids"));
        try (LanguageModel m = LanguageModel.load(folder);
                HookSession s = m.hooks().add(HookPoints.residPost(layer), floats(steer.get("vector")),
                        steer.get("alpha").getAsDouble())) {
            int layers = m.spec().nLayers();
            s.capture(HookPoints.EMBED).capture(HookPoints.FINAL_NORM);
            for (int l = 0; l < layers; l++) {
                s.capture(HookPoints.residPost(l));
            }
            Logits logits = m.forward(ids);
            JsonArray positions = exp.getAsJsonObject("logits_last3").getAsJsonArray("positions");
            JsonArray values = steer.getAsJsonArray("logits_last3");
            for (int i = 0; i < positions.size(); i++) {
                assertClose(floats(values.get(i)), logits.row(0, positions.get(i).getAsInt()), 1e-4,
                        name + " steered logits at " + positions.get(i));
            }
            int t = ids.length;
            JsonArray hidden = steer.getAsJsonArray("hidden_states_last_pos");
            assertClose(floats(hidden.get(0)), s.require(HookPoints.EMBED).vector(0, t - 1), 1e-4, name + " h[0]");
            for (int l = 0; l < layers - 1; l++) {
                assertClose(floats(hidden.get(l + 1)), s.require(HookPoints.residPost(l)).vector(0, t - 1), 1e-4,
                        name + " steered h[" + (l + 1) + "]");
            }
            assertClose(floats(hidden.get(layers)), s.require(HookPoints.FINAL_NORM).vector(0, t - 1), 1e-4,
                    name + " steered h[L]");
            int[] expected = ints(steer.get("greedy_new_tokens"));
            if (steer.get("greedy_min_margin").getAsDouble() >= 1e-3) {
                int[] seq = ids.clone();
                int[] got = new int[expected.length];
                for (int step = 0; step < expected.length; step++) {
                    got[step] = Logits.argmax(m.forward(new int[][] {seq}, null, false).last(0));
                    seq = java.util.Arrays.copyOf(seq, seq.length + 1);
                    seq[seq.length - 1] = got[step];
                }
                assertArrayEquals(expected, got, name + " steered greedy tokens");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void identityEditOnEveryPointChangesNothing(String name) {
        Path folder = Fixtures.model(name);
        int[] ids = ints(Fixtures.expected(folder).get("input_ids"));
        try (LanguageModel m = LanguageModel.load(folder)) {
            float[] plain = m.forward(ids).data();
            try (HookSession s = m.hooks()) {
                for (String point : m.hookPoints()) {
                    if (!point.endsWith("hook_result")) {
                        s.edit(point, (x, ctx) -> x);
                    }
                }
                assertArrayEquals(plain, m.forward(ids).data(), name);
            }
        }
    }

    @Test
    void closingTheSessionRestoresTheOutputs() {
        Path folder = Fixtures.model("llama");
        int[] ids = ints(Fixtures.expected(folder).get("input_ids"));
        try (LanguageModel m = LanguageModel.load(folder)) {
            float[] plain = m.forward(ids).data();
            float[] v = new float[m.spec().dModel()];
            v[3] = 1;
            HookSession s = m.hooks().add(HookPoints.residPost(0), v, 8.0);
            float[] steered = m.forward(ids).data();
            assertTrue(Fixtures.maxAbsDiff(plain, steered) > 1e-2, "the steering hook acts");
            s.close();
            assertFalse(s.isOpen());
            assertArrayEquals(plain, m.forward(ids).data());
            assertThrows(IllegalStateException.class, () -> s.capture(HookPoints.EMBED));
        }
    }

    @Test
    void unknownHookPointsAreRefused() {
        try (LanguageModel m = LanguageModel.load(Fixtures.model("phi")); HookSession s = m.hooks()) {
            assertThrows(IllegalArgumentException.class, () -> s.capture("blocks.9.hook_resid_post"));
            assertThrows(IllegalArgumentException.class, () -> s.capture("hook_embeddings"));
            // phi blocks are parallel: there is no point between attention and MLP
            assertThrows(IllegalArgumentException.class, () -> s.capture(HookPoints.residMid(0)));
        }
    }

    @Test
    void editThatChangesTheShapeIsRefused() {
        Path folder = Fixtures.model("llama");
        try (LanguageModel m = LanguageModel.load(folder);
                HookSession s = m.hooks().edit(HookPoints.EMBED, (x, ctx) -> x.get(":, 0:1, :"))) {
            String msg = assertThrows(IllegalStateException.class, () -> m.forward(new int[] {1, 2})).getMessage();
            assertTrue(msg.contains("hook_embed") && msg.contains("returned shape"), msg);
        }
    }

    @Test
    void headResultsPlusOutputBiasSumToTheAttentionOutput() {
        Path folder = Fixtures.model("llama-linear-rope-bias");  // has an o_proj bias
        int[] ids = ints(Fixtures.expected(folder).get("input_ids"));
        float[] bias;
        try (SafetensorsCheckpoint ckpt = SafetensorsCheckpoint.open(folder)) {
            bias = dev.cape.inference.model.Widening.toFloats(ckpt.get("model.layers.1.self_attn.o_proj.bias"));
        }
        try (LanguageModel m = LanguageModel.load(folder)) {
            float[] plain = m.forward(ids).data();
            try (HookSession s = m.hooks().capture(HookPoints.result(1)).capture(HookPoints.attnOut(1))) {
                float[] withResult = m.forward(ids).data();
                assertClose(plain, withResult, 1e-5, "computing hook_result leaves the logits");
                Activation result = s.require(HookPoints.result(1));  // [1, T, H, d]
                Activation attnOut = s.require(HookPoints.attnOut(1));  // [1, T, d]
                int heads = m.spec().nHeads();
                int d = m.spec().dModel();
                assertArrayEquals(new long[] {1, ids.length, heads, d}, result.shape());
                for (int p = 0; p < ids.length; p++) {
                    float[] sum = bias.clone();
                    for (int h = 0; h < heads; h++) {
                        float[] r = result.vector(0, p, h);
                        for (int i = 0; i < d; i++) {
                            sum[i] += r[i];
                        }
                    }
                    assertClose(attnOut.vector(0, p), sum, 1e-5, "position " + p);
                }
            }
        }
    }

    @Test
    void zeroingOneHeadsResultChangesTheOutputOnlyThroughThatHead() {
        Path folder = Fixtures.model("llama");
        int[] ids = ints(Fixtures.expected(folder).get("input_ids"));
        try (LanguageModel m = LanguageModel.load(folder)) {
            float[] plain = m.forward(ids).data();
            try (HookSession s = m.hooks()
                    .edit(HookPoints.result(0), (x, ctx) -> x.mul(x.getManager().create(
                            new float[] {0, 1, 1, 1}).reshape(1, 1, 4, 1)))
                    .capture(HookPoints.z(0))) {
                float[] ablated = m.forward(ids).data();
                assertTrue(Fixtures.maxAbsDiff(plain, ablated) > 1e-3, "ablating head 0 of layer 0 acts");
                assertEquals(4, s.require(HookPoints.z(0)).shape()[2]);
            }
        }
    }
}
