package dev.cape.inference.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.inference.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Malformed configs fail with messages naming the field; good ones give the spec the fixtures README describes. */
class ModelConfigTest {

    @TempDir
    Path dir;

    private static String specError(String json) {
        return assertThrows(ModelLoadException.class,
                () -> ModelRegistry.spec(ModelConfig.parse("test/config.json", json))).getMessage();
    }

    @Test
    void nonJsonConfigIsRefused() {
        String m = assertThrows(ModelLoadException.class, () -> ModelConfig.parse("c.json", "model_type: llama"))
                .getMessage();
        assertTrue(m.contains("c.json") && m.contains("not valid JSON"), m);
        String arr = assertThrows(ModelLoadException.class, () -> ModelConfig.parse("c.json", "[1]")).getMessage();
        assertTrue(arr.contains("not a JSON object"), arr);
    }

    @Test
    void invalidJsonIsOneLineWithoutExceptionNames() {
        String m = assertThrows(ModelLoadException.class,
                () -> ModelConfig.parse("c.json", "{\"model_type\": \"llama\", hidden_size: }")).getMessage();
        assertEquals("model config c.json is not valid JSON: expected a value at line 1 column 38 "
                + "(path $.hidden_size)", m);
        String eof = assertThrows(ModelLoadException.class, () -> ModelConfig.parse("c.json", "{\"a\": "))
                .getMessage();
        assertTrue(eof.startsWith("model config c.json is not valid JSON: the text ends early at line 1")
                && !eof.contains("Exception") && !eof.contains("\n"), eof);
    }

    @Test
    void zeroHeadsAreRefusedNamingTheFieldNotDividingByZero() throws IOException {
        for (String arch : new String[] {"llama", "gpt2", "gpt_neox", "opt", "phi", "gemma"}) {
            String json = Files.readString(Fixtures.model(arch).resolve("config.json"))
                    .replaceAll("\"(num_attention_heads|n_head)\": \\d+", "\"$1\": 0");
            String m = specError(json);
            assertTrue(m.contains("test/config.json") && m.matches(".*'(num_attention_heads|n_head)' is 0, "
                    + "expected an integer > 0.*"), arch + ": " + m);
        }
    }

    @Test
    void headsThatDoNotDivideTheHiddenSizeAreRefused() throws IOException {
        String json = Files.readString(Fixtures.model("llama").resolve("config.json"))
                .replace("\"head_dim\": 16,", "").replace("\"num_attention_heads\": 4", "\"num_attention_heads\": 3")
                .replace("\"num_key_value_heads\": 2", "\"num_key_value_heads\": 1");
        String m = specError(json);
        assertTrue(m.contains("'num_attention_heads' is 3, which does not divide hidden_size (64)"), m);
        String zero = specError(Files.readString(Fixtures.model("llama").resolve("config.json"))
                .replace("\"head_dim\": 16", "\"head_dim\": 0"));
        assertTrue(zero.contains("'head_dim' is 0, expected an integer > 0"), zero);
    }

    @Test
    void negativeNormEpsilonIsRefused() throws IOException {
        String m = specError(Files.readString(Fixtures.model("llama").resolve("config.json"))
                .replace("\"rms_norm_eps\": 1e-05", "\"rms_norm_eps\": -1"));
        assertTrue(m.contains("norm epsilon") && m.contains("-1.0"), m);
    }

    @Test
    void integerTooLargeForTheRuntimeSaysTheRange() throws IOException {
        String m = specError(Files.readString(Fixtures.model("llama").resolve("config.json"))
                .replace("\"vocab_size\": 128", "\"vocab_size\": 10000000000"));
        assertTrue(m.contains("'vocab_size' is 10000000000, expected an integer in [-2147483648, 2147483647]"), m);
    }

    @Test
    void missingFieldIsNamed() {
        String m = specError("{\"model_type\": \"llama\", \"hidden_size\": 64}");
        assertTrue(m.contains("test/config.json") && m.contains("'num_attention_heads' is missing"), m);
        String noType = specError("{\"hidden_size\": 64}");
        assertTrue(noType.contains("'model_type' is missing"), noType);
    }

    @Test
    void wrongTypeIsNamedWithWhatWasFound() {
        String m = specError("{\"model_type\": \"llama\", \"hidden_size\": \"64\", \"num_attention_heads\": 4}");
        assertTrue(m.contains("'hidden_size' is \"64\", expected an integer"), m);
        String frac = specError("{\"model_type\": \"llama\", \"hidden_size\": 64.5, \"num_attention_heads\": 4}");
        assertTrue(frac.contains("'hidden_size' is 64.5, expected an integer"), frac);
    }

    @Test
    void unknownModelTypeListsTheSupportedOnes() {
        String m = specError("{\"model_type\": \"mamba\"}");
        assertTrue(m.contains("'mamba' is not supported") && m.contains("gpt_neox") && m.contains("qwen3"), m);
    }

    @Test
    void unsupportedRopeScalingIsRefused() throws IOException {
        String json = Files.readString(Fixtures.model("llama").resolve("config.json"))
                .replace("\"rope_scaling\": null", "\"rope_scaling\": {\"rope_type\": \"yarn\", \"factor\": 4.0}");
        String m = specError(json);
        assertTrue(m.contains("rope_scaling") && m.contains("'yarn'"), m);
    }

    @Test
    void inconsistentHeadsAreRefused() throws IOException {
        String json = Files.readString(Fixtures.model("llama").resolve("config.json"))
                .replace("\"num_key_value_heads\": 2", "\"num_key_value_heads\": 3");
        String m = specError(json);
        assertTrue(m.contains("multiple of nKvHeads"), m);
    }

    @Test
    void missingConfigFileIsNamed() {
        String m = assertThrows(ModelLoadException.class, () -> LanguageModel.load(dir)).getMessage();
        assertTrue(m.contains("has no config.json"), m);
    }

    @Test
    void missingOrMisshapedTensorIsNamed() throws IOException {
        Path src = Fixtures.model("gpt2");
        Files.copy(src.resolve("config.json"), dir.resolve("config.json"));
        Files.copy(src.resolve("model.safetensors"), dir.resolve("model.safetensors"));
        String json = Files.readString(dir.resolve("config.json"));
        Files.writeString(dir.resolve("config.json"), json.replace("\"n_inner\": null", "\"n_inner\": 128"));
        String m = assertThrows(ModelLoadException.class, () -> LanguageModel.load(dir)).getMessage();
        assertTrue(m.contains("'transformer.h.0.mlp.c_fc.weight' has shape [64, 256], expected [64, 128]"), m);
        Files.writeString(dir.resolve("config.json"), json.replace("\"n_layer\": 2", "\"n_layer\": 3"));
        String missing = assertThrows(ModelLoadException.class, () -> LanguageModel.load(dir)).getMessage();
        assertTrue(missing.contains("no tensor 'transformer.h.2.ln_1.weight'"), missing);
    }

    @Test
    void specsFollowTheFixturesReadme() {
        ModelSpec gemma2 = ModelRegistry.spec(ModelConfig.read(Fixtures.model("gemma2").resolve("config.json")));
        assertEquals(java.util.List.of(6, 0, 6), gemma2.slidingWindows());
        assertEquals(1 / Math.sqrt(24), gemma2.attnScale(), 1e-15);
        ModelSpec qwen2 = ModelRegistry.spec(ModelConfig.read(Fixtures.model("qwen2").resolve("config.json")));
        assertEquals(java.util.List.of(0, 0), qwen2.slidingWindows());
        ModelSpec phi = ModelRegistry.spec(ModelConfig.read(Fixtures.model("phi").resolve("config.json")));
        assertEquals(6, phi.rope().rotaryDim());
        ModelSpec opt = ModelRegistry.spec(ModelConfig.read(Fixtures.model("opt-350m-style").resolve("config.json")));
        assertEquals(32, opt.dEmbed());
        assertEquals(ModelSpec.BlockLayout.POST_NORM, opt.layout());
        assertTrue(!opt.finalNorm());
    }

    @Test
    void llama3RopeKeepsBlendsAndDividesFrequencies() {
        // theta 5e5, r = 16, factor 8, low 1, high 4, original 64 (fixture llama-llama3-rope): wavelengths 2π/f
        ModelSpec.Rope rope = new ModelSpec.Rope(500000, 16, ModelSpec.RopeScaling.LLAMA3, 8, 1, 4, 64);
        float[] scaled = rope.inverseFrequencies();
        float[] plain = ModelSpec.Rope.plain(500000, 16).inverseFrequencies();
        assertEquals(plain[0], scaled[0]);  // wavelength 2π < 16: kept
        assertEquals(plain[7] / 8, scaled[7], 1e-12);  // wavelength ≫ 64: divided by the factor
        boolean blended = false;
        for (int i = 0; i < 8; i++) {
            double wl = 2 * Math.PI / plain[i];
            if (wl >= 16 && wl <= 64) {
                double s = (64 / wl - 1) / 3;
                assertEquals((1 - s) * plain[i] / 8 + s * plain[i], scaled[i], 1e-6 * plain[i]);
                blended = true;
            }
        }
        assertTrue(blended, "a blended band exists for these settings");
    }

    @Test
    void absentKeysTakeTheHfClassDefaultsAndNullMeansNone() throws IOException {
        String gemma2 = Files.readString(Fixtures.model("gemma2").resolve("config.json"));
        String stripped = gemma2.replace("\"attn_logit_softcapping\": 2.0,", "")
                .replace("\"final_logit_softcapping\": 1.0,", "").replace("\"query_pre_attn_scalar\": 24,", "")
                .replace("\"sliding_window\": 6,", "");
        ModelSpec d = ModelRegistry.spec(ModelConfig.parse("gemma2 without keys", stripped));
        assertEquals(50.0, d.attnSoftcap());
        assertEquals(30.0, d.finalSoftcap());
        assertEquals(1 / Math.sqrt(256), d.attnScale(), 1e-15);
        assertEquals(java.util.List.of(4096, 0, 4096), d.slidingWindows());
        String nulls = gemma2.replace("\"final_logit_softcapping\": 1.0", "\"final_logit_softcapping\": null")
                .replace("\"sliding_window\": 6", "\"sliding_window\": null");
        ModelSpec n = ModelRegistry.spec(ModelConfig.parse("gemma2 with nulls", nulls));
        assertEquals(0.0, n.finalSoftcap());
        assertEquals(java.util.List.of(0, 0, 0), n.slidingWindows());
        String mistral = Files.readString(Fixtures.model("mistral").resolve("config.json"))
                .replace("\"sliding_window\": 7,", "");
        assertEquals(4096, ModelRegistry.spec(ModelConfig.parse("mistral", mistral)).slidingWindows().get(0));
    }
}
