package dev.cape.inference.generate;

import static dev.cape.inference.Fixtures.floats;
import static dev.cape.inference.Fixtures.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import dev.cape.inference.Fixtures;
import dev.cape.inference.model.LanguageModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** KV-cached generation against the fixtures' greedy tokens, plus sampling, stopping and cancellation behaviour. */
class GeneratorTest {

    static List<String> fixtures() {
        return Fixtures.names();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void cachedGreedyGenerationMatchesTheFixture(String name) {
        Path folder = Fixtures.model(name);
        JsonObject exp = Fixtures.expected(folder);
        JsonObject greedy = exp.getAsJsonObject("greedy");
        int[] expected = ints(greedy.get("new_tokens"));
        float[] margins = floats(greedy.get("step_top1_top2_margins"));
        try (LanguageModel m = LanguageModel.load(folder)) {
            List<Integer> streamed = new ArrayList<>();
            Generation g = Generator.generate(m, ints(exp.get("input_ids")),
                    GenerationOptions.withDefaults().withMaxTokens(expected.length).withStopAtEos(false),
                    (step, token) -> streamed.add(token));
            int[] got = g.tokens();
            for (int step = 0; step < expected.length && margins[step] >= 1e-3; step++) {
                assertEquals(expected[step], got[step], name + " step " + step);
            }
            assertEquals(expected.length, streamed.size());
            assertEquals(Generation.StopReason.MAX_TOKENS, g.reason());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void steeringHookActsOnEveryCachedStep(String name) {
        Path folder = Fixtures.model(name);
        JsonObject exp = Fixtures.expected(folder);
        JsonObject steer = exp.getAsJsonObject("steering_example");
        org.junit.jupiter.api.Assumptions.assumeTrue(steer.get("greedy_min_margin").getAsDouble() >= 1e-3,
                "steered greedy margin below 1e-3: tokens are not comparable");
        int[] expected = ints(steer.get("greedy_new_tokens"));
        try (LanguageModel m = LanguageModel.load(folder);
                var s = m.hooks().add(dev.cape.inference.hook.HookPoints.residPost(steer.get("layer").getAsInt()),
                        floats(steer.get("vector")), steer.get("alpha").getAsDouble())) {
            Generation g = Generator.generate(m, ints(exp.get("input_ids")),
                    GenerationOptions.withDefaults().withMaxTokens(expected.length).withStopAtEos(false), null);
            assertArrayEquals(expected, g.tokens(), name);
        }
    }

    @Test
    void stopsAtTheConfiguredEosAndLoadsFromConfigAndStore() {
        Path folder = Fixtures.model("llama");
        JsonObject exp = Fixtures.expected(folder);
        int[] expected = ints(exp.getAsJsonObject("greedy").get("new_tokens"));
        // make the third greedy token the end-of-sequence id: generation must stop right after emitting it
        com.google.gson.JsonObject json = dev.cape.inference.model.ModelConfig.read(folder.resolve("config.json")).json();
        json.addProperty("eos_token_id", expected[2]);
        dev.cape.inference.model.ModelConfig config = dev.cape.inference.model.ModelConfig.of("llama, eos changed", json);
        try (var store = dev.cape.inference.safetensors.SafetensorsCheckpoint.open(folder);
                LanguageModel m = LanguageModel.load(config, store, null, "cpu")) {
            Generation g = Generator.generate(m, ints(exp.get("input_ids")),
                    GenerationOptions.withDefaults().withMaxTokens(8), null);
            assertEquals(Generation.StopReason.EOS, g.reason());
            assertArrayEquals(java.util.Arrays.copyOf(expected, 3), g.tokens());
        }
    }

    @Test
    void sameSeedGivesSameTokensAndTopKOneIsGreedy() {
        Path folder = Fixtures.model("gpt2");
        int[] prompt = ints(Fixtures.expected(folder).get("input_ids"));
        try (LanguageModel m = LanguageModel.load(folder)) {
            GenerationOptions o = GenerationOptions.withDefaults().withMaxTokens(12).withStopAtEos(false)
                    .withTemperature(1.5).withTopP(0.9).withSeed(42);
            Generation a = Generator.generate(m, prompt, o, null);
            Generation b = Generator.generate(m, prompt, o, null);
            assertArrayEquals(a.tokens(), b.tokens());
            Generation greedy = Generator.generate(m, prompt,
                    GenerationOptions.withDefaults().withMaxTokens(12).withStopAtEos(false), null);
            Generation topOne = Generator.generate(m, prompt, o.withTopK(1), null);
            assertArrayEquals(greedy.tokens(), topOne.tokens());
        }
    }

    @Test
    void interruptedThreadCancels() {
        Path folder = Fixtures.model("gpt2");
        try (LanguageModel m = LanguageModel.load(folder)) {
            Generation g = Generator.generate(m, new int[] {5, 6}, GenerationOptions.withDefaults().withMaxTokens(10)
                    .withStopAtEos(false), (step, token) -> {
                        if (step == 2) {
                            Thread.currentThread().interrupt();
                        }
                    });
            assertTrue(Thread.interrupted(), "the interrupt flag stays set (and is cleared here)");
            assertEquals(Generation.StopReason.CANCELLED, g.reason());
            assertEquals(3, g.tokens().length);
        }
    }

    @Test
    void learnedPositionsBoundTheContext() {
        Path folder = Fixtures.model("opt");  // 64 positions
        try (LanguageModel m = LanguageModel.load(folder)) {
            Generation g = Generator.generate(m, new int[60], GenerationOptions.withDefaults().withMaxTokens(10)
                    .withStopAtEos(false), null);
            assertEquals(Generation.StopReason.CONTEXT_FULL, g.reason());
            assertEquals(5, g.tokens().length);
        }
    }

    @Test
    void probabilitiesFollowTemperatureTopKAndTopP() {
        float[] logits = {0f, (float) Math.log(2), (float) Math.log(4), (float) Math.log(8)};  // softmax 1:2:4:8 / 15
        GenerationOptions base = GenerationOptions.withDefaults().withTemperature(1);
        double[] p = TokenSampler.probabilities(logits, base);
        assertArrayEquals(new double[] {1 / 15.0, 2 / 15.0, 4 / 15.0, 8 / 15.0}, p, 1e-7);
        double[] k2 = TokenSampler.probabilities(logits, base.withTopK(2));
        assertArrayEquals(new double[] {0, 0, 4 / 12.0, 8 / 12.0}, k2, 1e-7);
        // nucleus 0.7: 8/15 = 0.533 < 0.7, 8/15 + 4/15 = 0.8 >= 0.7 → keep the top two
        double[] nucleus = TokenSampler.probabilities(logits, base.withTopP(0.7));
        assertArrayEquals(new double[] {0, 0, 4 / 12.0, 8 / 12.0}, nucleus, 1e-7);
        // temperature 2 halves the logits: weights 1 : √2 : 2 : 2√2
        double z = 1 + Math.sqrt(2) + 2 + 2 * Math.sqrt(2);
        assertArrayEquals(new double[] {1 / z, Math.sqrt(2) / z, 2 / z, 2 * Math.sqrt(2) / z},
                TokenSampler.probabilities(logits, base.withTemperature(2)), 1e-7);
    }

    @Test
    void invalidOptionsAreRefused() {
        GenerationOptions o = GenerationOptions.withDefaults();
        assertThrows(IllegalArgumentException.class, () -> o.withMaxTokens(0));
        assertThrows(IllegalArgumentException.class, () -> o.withTemperature(-0.1));
        assertThrows(IllegalArgumentException.class, () -> o.withTopP(0));
        assertThrows(IllegalArgumentException.class, () -> o.withTopK(-1));
    }
}
