package dev.cape.inference.model;

import static dev.cape.inference.Fixtures.assertClose;
import static dev.cape.inference.Fixtures.ints;
import static org.junit.jupiter.api.Assertions.assertEquals;

import ai.djl.engine.Engine;
import dev.cape.inference.Fixtures;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The CUDA path on every fixture, for a machine with a GPU and a CUDA libtorch (inference/README.md, 'GPU'); skipped
 * elsewhere. Not yet run: no session so far had a GPU with the CUDA libtorch DJL 0.36 needs.
 *
 * <p>float32 on the GPU against float32 on the CPU at every position: 1e-3 (GPU reductions sum in another order;
 * the CPU run itself matches the fixtures to 1e-4). float16, the GPU's default, against the fixture's logits with
 * the tolerance of {@link HalfPrecisionTest}. A KV-cached decoding step on the GPU equals a full recomputation there.
 */
class GpuForwardTest {

    static List<String> fixtures() {
        return Fixtures.names();
    }

    @BeforeAll
    static void needsAGpu() {
        Assumptions.assumeTrue(Engine.getEngine("PyTorch").getGpuCount() > 0,
                "no GPU: DJL's PyTorch engine found none (CPU libtorch, or no CUDA driver)");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void float32OnTheGpuMatchesTheCpu(String name) {
        Path folder = Fixtures.model(name);
        int[] ids = ints(Fixtures.expected(folder).get("input_ids"));
        try (LanguageModel cpu = LanguageModel.load(folder, "cpu", ModelDtype.FLOAT32);
                LanguageModel gpu = LanguageModel.load(folder, "cuda:0", ModelDtype.FLOAT32)) {
            Logits a = cpu.forward(ids);
            Logits b = gpu.forward(ids);
            for (int p = 0; p < ids.length; p++) {
                assertClose(a.row(0, p), b.row(0, p), 1e-3, name + " float32 logits at position " + p);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void float16OnTheGpuStaysWithinTheHalfPrecisionTolerance(String name) {
        Path folder = Fixtures.model(name);
        var exp = Fixtures.expected(folder);
        int[] ids = ints(exp.get("input_ids"));
        try (LanguageModel m = LanguageModel.load(folder, "cuda:0", ModelDtype.AUTO)) {
            assertEquals(ModelDtype.FLOAT16, m.dtype(), "half precision is the GPU's default");
            Logits logits = m.forward(ids);
            var l3 = exp.getAsJsonObject("logits_last3");
            var positions = l3.getAsJsonArray("positions");
            for (int i = 0; i < positions.size(); i++) {
                int p = positions.get(i).getAsInt();
                assertClose(Fixtures.floats(l3.getAsJsonArray("values").get(i)), logits.row(0, p),
                        HalfPrecisionTest.LOGITS, name + " float16 logits at position " + p);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void aCachedDecodingStepOnTheGpuEqualsFullRecomputation(String name) {
        Path folder = Fixtures.model(name);
        int[] ids = ints(Fixtures.expected(folder).get("input_ids"));
        try (LanguageModel m = LanguageModel.load(folder, "cuda:0", ModelDtype.FLOAT32);
                KvCache cache = m.newCache(1)) {
            int[] prefix = java.util.Arrays.copyOf(ids, ids.length - 1);
            m.forward(new int[][] {prefix}, cache, false);
            float[] cached = m.forward(new int[][] {{ids[ids.length - 1]}}, cache, false).last(0);
            float[] full = m.forward(new int[][] {ids}, null, false).last(0);
            assertClose(full, cached, 1e-3, name + " cached step vs recomputation");
        }
    }
}
