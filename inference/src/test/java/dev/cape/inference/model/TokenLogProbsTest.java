package dev.cape.inference.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.inference.Fixtures;
import dev.cape.inference.eval.AnswerScorer;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Log-probabilities of given next tokens equal the log-softmax of the full logits at those tokens. */
class TokenLogProbsTest {

    @TempDir
    java.nio.file.Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"gpt2", "llama", "gemma2", "opt"})
    void theyEqualTheLogSoftmaxOfTheFullRowsAlsoPaddedAndCached(String fixture) {
        try (LanguageModel m = LanguageModel.load(Fixtures.model(fixture))) {
            int[][] batch = {{5, 6, 7, 8}, {9, 10}};   // unequal: row 1 is left-padded
            int[][] targets = {{11, 12, 13, 14}, {15, 16}};
            float[][] lp = m.tokenLogProbs(batch, null, targets);
            for (int i = 0; i < 2; i++) {
                Logits alone = m.forward(batch[i]);
                for (int j = 0; j < batch[i].length; j++) {
                    assertEquals(AnswerScorer.logSoftmax(alone.row(0, j))[targets[i][j]], lp[i][j], 1e-4,
                            fixture + " row " + i + " token " + j);
                }
            }
            try (KvCache cache = m.newCache(1)) {
                m.forward(new int[][] {{5, 6}}, cache, false);
                float[][] cont = m.tokenLogProbs(new int[][] {{7, 8}}, cache, new int[][] {{13, 14}});
                assertEquals(lp[0][2], cont[0][0], 1e-4, fixture + " continuing a cache");
                assertEquals(lp[0][3], cont[0][1], 1e-4);
                assertEquals(4, cache.length(), "the cache advanced");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt2"})
    void badTargetsAndNaNAreRefused(String fixture) {
        try (LanguageModel m = LanguageModel.load(Fixtures.model(fixture))) {
            String shorter = assertThrows(IllegalArgumentException.class, () -> m.tokenLogProbs(new int[][] {{1, 2}},
                    null, new int[][] {{3}})).getMessage();
            assertTrue(shorter.contains("row 0 has 2 tokens but 1 targets"), shorter);
            String outside = assertThrows(IllegalArgumentException.class, () -> m.tokenLogProbs(new int[][] {{1}},
                    null, new int[][] {{-1}})).getMessage();
            assertTrue(outside.contains("target token -1 of row 0 is outside"), outside);
        }
        java.nio.file.Path nan = Fixtures.withNaN(dir, "llama", "model.layers.0.input_layernorm.weight");
        try (LanguageModel m = LanguageModel.load(nan)) {
            String msg = assertThrows(ModelLoadException.class, () -> m.tokenLogProbs(new int[][] {{1, 2}}, null,
                    new int[][] {{3, 4}})).getMessage();
            assertTrue(msg.contains("log-probabilities hold NaN (batch row 0, token 0)"), msg);
        }
    }
}
