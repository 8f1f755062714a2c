package dev.cape.inference.model;

import static dev.cape.inference.Fixtures.assertClose;
import static dev.cape.inference.Fixtures.floats;
import static dev.cape.inference.Fixtures.ints;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
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
 * The float16 path ({@code --dtype float16}) on the CPU, against the float32 reference values of every fixture.
 *
 * <p>Tolerance: the fixture README allows 0.1 absolute on logits (3 % of the largest value on hidden states) for a
 * run computed natively in bfloat16, whose unit roundoff is 2⁻⁸. Float16 keeps 3 more mantissa bits (unit roundoff
 * 2⁻¹¹), so the same budget scaled by 2⁻¹¹ / 2⁻⁸ = 1/8 gives <b>0.0125 absolute on logits</b> and 0.375 % of the
 * largest value on hidden states. Measured on the 20 fixtures (CPU libtorch 2.7.1): max |Δlogit| 0.0064 (llama),
 * against 0.0085–0.028 for the fixtures' bfloat16 reference runs. Greedy tokens must agree wherever the reference
 * top-1/top-2 margin exceeds twice the logit tolerance.
 */
class HalfPrecisionTest {

    /** 0.1 (bf16 logit tolerance of the fixture README) × 2⁻¹¹ / 2⁻⁸. */
    static final double LOGITS = 0.1 / 8;
    /** 3 % (bf16 hidden-state tolerance, relative to the largest absolute value) / 8. */
    static final double HIDDEN_RELATIVE = 0.03 / 8;

    static List<String> fixtures() {
        return Fixtures.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void float16LogitsAndHiddenStatesStayWithinTheScaledBf16Tolerance(String name) {
        Path folder = Fixtures.model(name);
        JsonObject exp = Fixtures.expected(folder);
        int[] ids = ints(exp.get("input_ids"));
        try (LanguageModel m = LanguageModel.load(folder, "cpu", ModelDtype.FLOAT16);
                HookSession s = m.hooks().capture(HookPoints.FINAL_NORM)) {
            assertEquals(ModelDtype.FLOAT16, m.dtype());
            Logits logits = m.forward(ids);
            JsonObject l3 = exp.getAsJsonObject("logits_last3");
            JsonArray positions = l3.getAsJsonArray("positions");
            for (int i = 0; i < positions.size(); i++) {
                int p = positions.get(i).getAsInt();
                assertClose(floats(l3.getAsJsonArray("values").get(i)), logits.row(0, p), LOGITS,
                        name + " float16 logits at position " + p);
            }
            int last = ids.length - 1;
            if (exp.get("last_position_top1_top2_margin").getAsDouble() > 2 * LOGITS) {
                assertEquals(ints(exp.get("argmax_all_positions"))[last], Logits.argmax(logits.row(0, last)),
                        name + " greedy token at the last position");
            }
            JsonArray hidden = exp.getAsJsonObject("hidden_states_last_pos").getAsJsonArray("values");
            float[] expected = floats(hidden.get(hidden.size() - 1));
            double scale = 0;
            for (float v : expected) {
                scale = Math.max(scale, Math.abs(v));
            }
            assertClose(expected, s.require(HookPoints.FINAL_NORM).vector(0, last), HIDDEN_RELATIVE * scale,
                    name + " float16 hidden state after the final norm (captured as float32)");
        }
    }

    @Test
    void kvCacheDecodingInFloat16MatchesFullRecomputation() {
        Path folder = Fixtures.model("llama");
        int[] ids = ints(Fixtures.expected(folder).get("input_ids"));
        int[] full = Arrays.copyOf(ids, ids.length + 4);
        for (int i = ids.length; i < full.length; i++) {
            full[i] = (i * 13) % 90;
        }
        try (LanguageModel m = LanguageModel.load(folder, "cpu", ModelDtype.FLOAT16); KvCache cache = m.newCache(1)) {
            Logits reference = m.forward(full);
            m.forward(new int[][] {Arrays.copyOf(full, ids.length)}, cache, false);
            for (int p = ids.length; p < full.length; p++) {
                Logits step = m.forward(new int[][] {{full[p]}}, cache, false);
                // both runs round to float16 at different points (other matmul shapes): the logit tolerance applies
                assertClose(reference.row(0, p), step.last(0), LOGITS, "cached float16 step at position " + p);
            }
        }
    }

    @Test
    void aFloat32SteeringEditKeepsTheStreamInFloat16AndMatchesFloat32() {
        Path folder = Fixtures.model("qwen2");
        int[] ids = ints(Fixtures.expected(folder).get("input_ids"));
        float[] vector = new float[64];
        vector[3] = 1f;
        vector[17] = -0.5f;
        float[] half;
        float[] single;
        try (LanguageModel m = LanguageModel.load(folder, "cpu", ModelDtype.FLOAT16);
                HookSession s = m.hooks().add(HookPoints.residPost(0), vector, 2.0)) {
            half = m.forward(ids).last(0);
        }
        try (LanguageModel m = LanguageModel.load(folder); HookSession s = m.hooks().add(HookPoints.residPost(0),
                vector, 2.0)) {
            single = m.forward(ids).last(0);
        }
        assertClose(single, half, LOGITS, "steered logits, float16 vs float32");
    }

    @Test
    void float16ModelHoldsAboutHalfTheWeightBytesOfFloat32() {
        Path folder = Fixtures.model("gpt2");
        try (LanguageModel half = LanguageModel.load(folder, "cpu", ModelDtype.FLOAT16);
                LanguageModel single = LanguageModel.load(folder)) {
            assertEquals(ModelDtype.FLOAT32, single.dtype());
            assertEquals(4 * single.parameterCount(), single.weightBytes());
            assertEquals(single.parameterCount(), half.parameterCount());
            // 2 bytes a value, except the float32 norm gains and biases (< 1 % of this model's values)
            assertTrue(half.weightBytes() >= 2 * half.parameterCount()
                    && half.weightBytes() < 2.05 * half.parameterCount(), "float16 weight bytes " + half.weightBytes()
                    + " for " + half.parameterCount() + " values");
        }
    }
}
