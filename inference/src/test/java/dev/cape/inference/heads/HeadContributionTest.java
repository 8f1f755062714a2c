package dev.cape.inference.heads;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.inference.Fixtures;
import dev.cape.inference.hook.HookPoints;
import dev.cape.inference.hook.HookSession;
import dev.cape.inference.model.LanguageModel;
import dev.cape.inference.model.TensorData;
import dev.cape.inference.safetensors.SafetensorsFile;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What the census relies on: per-head outputs add up, with the output bias, to the attention output. */
class HeadContributionTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({"llama, ''", "gpt2, transformer.h.1.attn.c_proj.bias"})
    void headContributionsPlusOutputBiasSumToAttnOut(String fixture, String biasTensor) {
        Path folder = Fixtures.model(fixture);
        int[] ids = Fixtures.ints(Fixtures.expected(folder).get("input_ids"));
        int layer = 1;
        try (LanguageModel m = LanguageModel.load(folder);
                HookSession s = m.hooks().capture(HookPoints.result(layer)).capture(HookPoints.attnOut(layer))) {
            m.forward(ids);
            float[] res = s.require(HookPoints.result(layer)).data();   // [1, T, head, d]
            float[] out = s.require(HookPoints.attnOut(layer)).data();  // [1, T, d]
            int heads = m.spec().nHeads();
            int d = m.spec().dModel();
            float[] bias = new float[d];
            if (!biasTensor.isEmpty()) {
                try (SafetensorsFile f = SafetensorsFile.open(folder.resolve("model.safetensors"))) {
                    TensorData t = f.get(biasTensor);
                    t.data().duplicate().order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(bias);
                }
            }
            double worst = 0;
            for (int p = 0; p < ids.length; p++) {
                for (int j = 0; j < d; j++) {
                    double sum = bias[j];
                    for (int h = 0; h < heads; h++) {
                        sum += res[(p * heads + h) * d + j];
                    }
                    worst = Math.max(worst, Math.abs(sum - out[p * d + j]));
                }
            }
            // float32 sums of a few terms of size ~1: a few ulps
            assertTrue(worst < 1e-5, fixture + ": max |sum of heads + bias - attn_out| = " + worst);
        }
    }
}
