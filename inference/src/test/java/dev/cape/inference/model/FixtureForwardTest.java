package dev.cape.inference.model;

import static dev.cape.inference.Fixtures.assertClose;
import static dev.cape.inference.Fixtures.floats;
import static dev.cape.inference.Fixtures.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.cape.inference.Fixtures;
import dev.cape.inference.hook.HookPoints;
import dev.cape.inference.hook.HookSession;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every fixture of {@code tiny-models} against its {@code expected.json}, with the README's tolerances: logits and
 * hidden states 1e-4 absolute (float32 noise measured ≤ 2e-6), attention 1e-5, greedy tokens exact while the
 * top-1/top-2 margin is ≥ 1e-3. BF16 fixtures run with the weights widened exactly to float32, so the float32 fields
 * apply to them.
 */
class FixtureForwardTest {

    static List<String> fixtures() {
        return Fixtures.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void logitsHiddenStatesAndAttentionMatchTheReference(String name) {
        Path folder = Fixtures.model(name);
        JsonObject exp = Fixtures.expected(folder);
        int[] ids = ints(exp.get("input_ids"));
        try (LanguageModel m = LanguageModel.load(folder)) {
            int layers = m.spec().nLayers();
            try (HookSession s = m.hooks()) {
                s.capture(HookPoints.EMBED).capture(HookPoints.FINAL_NORM).capture(HookPoints.pattern(0));
                for (int l = 0; l < layers; l++) {
                    s.capture(HookPoints.residPost(l));
                }
                Logits logits = m.forward(ids);
                int t = ids.length;
                JsonObject l3 = exp.getAsJsonObject("logits_last3");
                JsonArray positions = l3.getAsJsonArray("positions");
                JsonArray values = l3.getAsJsonArray("values");
                for (int i = 0; i < positions.size(); i++) {
                    assertClose(floats(values.get(i)), logits.row(0, positions.get(i).getAsInt()), 1e-4,
                            name + " logits at position " + positions.get(i));
                }
                int[] argmax = new int[t];
                for (int p = 0; p < t; p++) {
                    argmax[p] = Logits.argmax(logits.row(0, p));
                }
                assertArrayEquals(ints(exp.get("argmax_all_positions")), argmax, name + " argmax at every position");

                JsonArray hidden = exp.getAsJsonObject("hidden_states_last_pos").getAsJsonArray("values");
                assertEquals(layers + 1, hidden.size());
                assertClose(floats(hidden.get(0)), s.require(HookPoints.EMBED).vector(0, t - 1), 1e-4,
                        name + " hidden_states[0]");
                for (int l = 0; l < layers - 1; l++) {
                    assertClose(floats(hidden.get(l + 1)), s.require(HookPoints.residPost(l)).vector(0, t - 1), 1e-4,
                            name + " hidden_states[" + (l + 1) + "]");
                }
                assertClose(floats(hidden.get(layers)), s.require(HookPoints.FINAL_NORM).vector(0, t - 1), 1e-4,
                        name + " hidden_states[" + layers + "] (after the final norm)");
                assertClose(floats(exp.get("last_layer_raw_last_pos")),
                        s.require(HookPoints.residPost(layers - 1)).vector(0, t - 1), 1e-4,
                        name + " last layer before the final norm");

                JsonArray att = exp.getAsJsonObject("attention_layer0_head0").getAsJsonArray("values");
                var pattern = s.require(HookPoints.pattern(0));
                for (int q = 0; q < t; q++) {
                    assertClose(floats(att.get(q)), pattern.vector(0, 0, q), 1e-5, name + " attention row " + q);
                }
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void greedyTokensMatchWhileTheMarginIsClear(String name) {
        Path folder = Fixtures.model(name);
        JsonObject greedy = Fixtures.expected(folder).getAsJsonObject("greedy");
        int[] prompt = ints(Fixtures.expected(folder).get("input_ids"));
        int[] expected = ints(greedy.get("new_tokens"));
        float[] margins = floats(greedy.get("step_top1_top2_margins"));
        try (LanguageModel m = LanguageModel.load(folder)) {
            int[] seq = prompt.clone();
            for (int step = 0; step < expected.length && margins[step] >= 1e-3; step++) {
                int next = Logits.argmax(m.forward(new int[][] {seq}, null, false).last(0));
                assertEquals(expected[step], next, name + " greedy step " + step);
                seq = java.util.Arrays.copyOf(seq, seq.length + 1);
                seq[seq.length - 1] = next;
            }
        }
    }
}
