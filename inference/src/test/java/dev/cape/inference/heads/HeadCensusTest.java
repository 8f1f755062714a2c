package dev.cape.inference.heads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.inference.Fixtures;
import dev.cape.inference.model.Progress;
import dev.cape.inference.eval.StatementSet;
import dev.cape.inference.model.LanguageModel;
import org.junit.jupiter.api.Test;

class HeadCensusTest {

    private static StatementSet words(int n, long seed) {
        return HeadCensusTestSets.words(n, seed);
    }

    @Test
    void invalidSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> HeadCensus.withDefaults().withPermutations(0));
        assertThrows(IllegalArgumentException.class, () -> HeadCensus.withDefaults().withAlpha(1));
    }

    @Test
    void everyHeadIsReportedWithValidPValuesAndTheSeedFixesTheResult() {
        // the fixture's word-level vocabulary has 128 common English words: statements made of them
        StatementSet truth = words(24, 1);
        StatementSet reasoning = words(24, 2);
        HeadCensus census = HeadCensus.withDefaults().withPermutations(50).withRandomDirections(10)
                .with(HeadCensus.Ablate.ALL);
        try (LanguageModel m = LanguageModel.load(Fixtures.model("gpt2"))) {
            CensusReport a = census.run(m, truth, reasoning, Progress.NONE);
            CensusReport b = census.run(m, truth, reasoning, Progress.NONE);
            int layers = m.spec().nLayers();
            assertEquals(layers * m.spec().nHeads(), a.heads().size());
            for (HeadResult h : a.heads()) {
                assertTrue(h.truthP() > 0 && h.truthP() <= 1, "p in (0, 1]: " + h);
                assertTrue(h.reasoningP() > 0 && h.reasoningP() <= 1, "p in (0, 1]: " + h);
                assertTrue(h.truthRandomP() >= 0 && h.truthRandomP() <= 1, "random-direction p: " + h);
                assertEquals(h.layer() <= a.probeLayer(), !Double.isNaN(h.ablationEffect()),
                        "ablated exactly the heads at or before the probe layer: " + h);
                assertEquals(h.competing(), h.truthZ() < 0 && h.truthP() < 0.05 && h.reasoningZ() > 0
                        && h.reasoningP() < 0.05, "competing definition: " + h);
            }
            assertEquals(a, b, "same seed, same census");
            assertEquals(a.competing(), a.heads().stream().filter(HeadResult::competing).toList());
        }
    }

    /*
     * The census of the two-pass implementation (commit 69a67a5: separate passes for the truth and reasoning direction
     * fits, the head projections of each set and the unablated probe margin), printed by running that code once on
     * these fixtures with the settings of pinnedCensus(): per head {layer, head, truthEffect, truthZ, truthP,
     * truthRandomP, reasoningEffect, reasoningZ, reasoningP, competing (0/1), ablationEffect}.
     */
    private static final double[][] GPT2_BEFORE = {
        {0, 0, 0.06166679424747257, 1.4866576769242597, 1.0, 0.1,
            0.07213430232424896, 1.2813576675616327, 0.45098039215686275, 0, -0.12720228465384614},
        {0, 1, 0.053298268144348, 1.6853792857962488, 1.0, 0.0,
            -0.009479138727524873, -0.3434361658352464, 1.0, 0, -0.0870612561080249},
        {0, 2, 0.06254349182330529, 1.2865757236705697, 1.0, 0.0,
            0.02912588796742443, 1.3397882654542483, 0.43137254901960786, 0, -0.09418392752608973},
        {0, 3, 0.10046348389068595, 1.6125787053857377, 1.0, 0.0,
            -0.021281195953258152, -0.034770175168918185, 1.0, 0, -0.08712159097687994},
        {1, 0, 0.050925252197038105, 2.040191878856054, 1.0, 0.1,
            -0.001961039735248702, -0.14572821722665596, 1.0, 0, Double.NaN},
        {1, 1, 0.0288288419180512, 1.3905425151789377, 1.0, 0.2,
            0.0011701823519452903, 0.21286248528032406, 0.9803921568627451, 0, Double.NaN},
        {1, 2, -0.0024820909562877237, -0.11651516809050924, 0.9019607843137255, 1.0,
            -0.002551968803589032, 0.06286146907083151, 1.0, 0, Double.NaN},
        {1, 3, 0.048943239768148954, 0.9223034180628742, 1.0, 0.0,
            0.004427218921434518, 0.19762323989147823, 0.9803921568627451, 0, Double.NaN}
    };
    private static final double[] GPT2_PROBE_BEFORE = {0, 0.5, 0.4191351075016676};   // probe layer, accuracy, margin

    private static final double[][] LLAMA_BEFORE = {
        {0, 0, 0.04977621467263863, 0.7046171074785353, 1.0, 0.3,
            -0.005365756030566762, -0.03148013893823573, 0.9803921568627451, 0, -0.15349883973242773},
        {0, 1, 0.11000624213231847, 1.100088020714519, 1.0, 0.1,
            0.09265904937569851, 0.9145104863969991, 0.7058823529411765, 0, -0.1068312507720145},
        {0, 2, 0.09569140381736106, 1.5762380328827494, 1.0, 0.0,
            0.18704677089901647, 1.9049989620683792, 0.11764705882352941, 0, -0.1759532884708307},
        {0, 3, 0.10884482436485726, 1.3328118887848064, 1.0, 0.0,
            0.13044550209225658, 1.702996699573421, 0.21568627450980393, 0, -0.029523299467994923},
        {1, 0, 0.06835947019543416, 1.2510015914004382, 1.0, 0.3,
            0.051518408523897434, 1.3970013876975822, 0.37254901960784315, 0, -0.009346974697472032},
        {1, 1, 0.04502813490607842, 0.5310135656447471, 1.0, 0.5,
            0.10119025066142465, 1.318659539586394, 0.47058823529411764, 0, -0.05266674617591233},
        {1, 2, 0.06332682119006965, 1.0072044462819387, 1.0, 0.3,
            0.11623558181521756, 1.1563094019190625, 0.5882352941176471, 0, -0.022959589582329576},
        {1, 3, 0.1483590083739971, 1.5033982266922143, 1.0, 0.0,
            0.18855597655061254, 1.6874649042265653, 0.21568627450980393, 0, -0.114901223930584},
        {2, 0, 0.14516300813633032, 1.7442969942019628, 1.0, 0.0,
            0.13046261495387623, 1.9980373989680704, 0.09803921568627451, 0, -0.09158984774957252},
        {2, 1, 0.11657902420688902, 1.5599010177632835, 1.0, 0.0,
            0.11188592050566792, 1.9186686808359126, 0.11764705882352941, 0, -0.059643978784512},
        {2, 2, 0.0566498579480821, 1.582054059865127, 1.0, 0.0,
            0.04434792884350399, 0.7740455366196419, 0.7647058823529411, 0, -0.03949412642242428},
        {2, 3, 0.07782196643406195, 2.2377055669223958, 1.0, 0.0,
            0.033494142803086185, 0.9341609276346231, 0.7058823529411765, 0, -0.04490243994402665}
    };
    private static final double[] LLAMA_PROBE_BEFORE = {2, 0.6666666666666666, 0.46118285252302776};

    /*
     * 1e-6: the single pass captures hook_result and hook_resid_post together, and with hook_result captured the
     * runtime sums the heads' outputs one by one instead of one matmul through W_O (Transformer.attention), so
     * resid_post moves by float32 rounding; the largest difference seen was 7.3e-7 (a z score). p-values, the probe
     * layer and accuracy and the competing verdicts are exactly the same. Since the CPU unembedding became a
     * contiguous transposed copy multiplied in column blocks, logits move by float32 rounding too: 1.6e-6 on a z score
     * of 1.34.
     */
    private static final double TOL = 5e-6;

    private static CensusReport pinnedCensus(String fixture) {
        HeadCensus census = HeadCensus.withDefaults().withPermutations(50).withRandomDirections(10).withBatchSize(4)
                .with(HeadCensus.Ablate.ALL);
        try (LanguageModel m = LanguageModel.load(Fixtures.model(fixture))) {
            return census.run(m, words(24, 1), words(24, 2), Progress.NONE);
        }
    }

    @Test
    void onePassCensusEqualsTheTwoPassImplementationOnGpt2() {
        assertSameCensus(GPT2_BEFORE, GPT2_PROBE_BEFORE, pinnedCensus("gpt2"));
    }

    @Test
    void onePassCensusEqualsTheTwoPassImplementationOnLlama() {
        assertSameCensus(LLAMA_BEFORE, LLAMA_PROBE_BEFORE, pinnedCensus("llama"));
    }

    private static void assertSameCensus(double[][] before, double[] probe, CensusReport r) {
        assertEquals((int) probe[0], r.probeLayer());
        assertEquals(probe[1], r.probeAccuracy(), 0);
        assertEquals(probe[2], r.baseMargin(), TOL);
        assertEquals(before.length, r.heads().size());
        for (int i = 0; i < before.length; i++) {
            double[] e = before[i];
            HeadResult h = r.heads().get(i);
            String where = "head L" + h.layer() + "H" + h.head();
            assertEquals((int) e[0], h.layer(), where);
            assertEquals((int) e[1], h.head(), where);
            assertEquals(e[2], h.truthEffect(), TOL, where);
            assertEquals(e[3], h.truthZ(), TOL, where);
            assertEquals(e[4], h.truthP(), 0, where);
            assertEquals(e[5], h.truthRandomP(), 0, where);
            assertEquals(e[6], h.reasoningEffect(), TOL, where);
            assertEquals(e[7], h.reasoningZ(), TOL, where);
            assertEquals(e[8], h.reasoningP(), 0, where);
            assertEquals(e[9] == 1, h.competing(), where);
            assertEquals(e[10], h.ablationEffect(), TOL, where);
        }
    }
}
