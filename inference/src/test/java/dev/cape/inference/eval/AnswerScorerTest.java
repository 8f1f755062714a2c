package dev.cape.inference.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cape.inference.Fixtures;
import dev.cape.inference.model.LanguageModel;
import dev.cape.inference.model.Logits;
import java.util.List;
import org.junit.jupiter.api.Test;

class AnswerScorerTest {

    @Test
    void emptyAnswerIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new AnswerScorer.Candidate(new int[] {1}, new int[0]));
    }

    @Test
    void summedLogProbsEqualTheHandComputedSumInBatchesOrAlone() {
        try (LanguageModel m = LanguageModel.load(Fixtures.model("gpt2"))) {
            AnswerScorer.Candidate one = new AnswerScorer.Candidate(new int[] {8, 9, 10}, new int[] {11});
            AnswerScorer.Candidate two = new AnswerScorer.Candidate(new int[] {8, 9}, new int[] {12, 13});
            AnswerScorer.Candidate three = new AnswerScorer.Candidate(new int[] {14, 15}, new int[] {16, 17});
            double[] batched = AnswerScorer.logProbs(m, List.of(one, two, three), 8);
            double[] alone = AnswerScorer.logProbs(m, List.of(two), 1);
            Logits full = m.forward(new int[] {8, 9, 12, 13});
            double expected = AnswerScorer.logSoftmax(full.row(0, 1))[12] + AnswerScorer.logSoftmax(full.row(0, 2))[13];
            assertEquals(expected, batched[1], 1e-4, "batched with an equal-length row");
            assertEquals(expected, alone[0], 1e-5, "alone");
            double e1 = AnswerScorer.logSoftmax(m.forward(new int[] {8, 9, 10}).last(0))[11];
            assertEquals(e1, batched[0], 1e-5, "one-token answer from the prompt's last logits");
        }
    }

    @Test
    void answersOfDifferentLengthsInOneBatchAreEachSummedOverTheirOwnTokens() {
        try (LanguageModel m = LanguageModel.load(Fixtures.model("gpt2"))) {
            AnswerScorer.Candidate three = new AnswerScorer.Candidate(new int[] {8}, new int[] {9, 10, 11});
            AnswerScorer.Candidate two = new AnswerScorer.Candidate(new int[] {8, 9}, new int[] {12, 13});
            double[] batched = AnswerScorer.logProbs(m, List.of(three, two), 8);   // one batch of length 4
            Logits a = m.forward(new int[] {8, 9, 10, 11});
            double e3 = AnswerScorer.logSoftmax(a.row(0, 0))[9] + AnswerScorer.logSoftmax(a.row(0, 1))[10]
                    + AnswerScorer.logSoftmax(a.row(0, 2))[11];
            Logits b = m.forward(new int[] {8, 9, 12, 13});
            double e2 = AnswerScorer.logSoftmax(b.row(0, 1))[12] + AnswerScorer.logSoftmax(b.row(0, 2))[13];
            assertEquals(e3, batched[0], 1e-4);
            assertEquals(e2, batched[1], 1e-4, "the shorter answer's repeated position is not counted twice");
        }
    }

    @Test
    void steeredScoresEqualTheSteeredFullPass() {
        try (LanguageModel m = LanguageModel.load(Fixtures.model("llama"))) {
            AnswerScorer.Candidate a = new AnswerScorer.Candidate(new int[] {8, 9}, new int[] {10, 11, 12});
            AnswerScorer.Candidate b = new AnswerScorer.Candidate(new int[] {8, 9}, new int[] {13});
            float[] v = new float[m.spec().dModel()];
            v[3] = 1;
            var vector = new dev.cape.inference.steer.SteeringVector(1, v, 2.0);
            try (var s = dev.cape.inference.steer.SteeringSession.on(m).add(vector, 4).open()) {
                double[] scored = AnswerScorer.logProbs(m, java.util.List.of(a, b), 8);
                Logits full = m.forward(new int[] {8, 9, 10, 11, 12});
                double expected = AnswerScorer.logSoftmax(full.row(0, 1))[10]
                        + AnswerScorer.logSoftmax(full.row(0, 2))[11] + AnswerScorer.logSoftmax(full.row(0, 3))[12];
                assertEquals(expected, scored[0], 1e-4, "prompt once, answer on its cache, steered as one pass");
                assertEquals(AnswerScorer.logSoftmax(full.row(0, 1))[13], scored[1], 1e-4);
            }
        }
    }

    @Test
    void logSoftmaxNormalises() {
        double[] lp = AnswerScorer.logSoftmax(new float[] {1000f, 1000f, -1e30f});
        assertEquals(Math.log(0.5), lp[0], 1e-12);
        assertEquals(1.0, Math.exp(lp[0]) + Math.exp(lp[1]) + Math.exp(lp[2]), 1e-12);
    }

    @Test
    void correctedAndBrokenSharesCountAgainstTheUnsteeredRun() {
        boolean[] base = {true, true, true, false, false};
        boolean[] steered = {true, false, true, true, false};
        SteeringEvaluation.Point p = SteeringEvaluation.compare(2, base, steered, 0.1);
        assertEquals(0.6, p.accuracy(), 1e-12);
        assertEquals(0.5, p.correctedShare(), 1e-12, "1 of 2 wrong answers corrected");
        assertEquals(1.0 / 3, p.brokenShare(), 1e-12, "1 of 3 right answers broken");
        assertEquals(Double.NaN, SteeringEvaluation.compare(0, new boolean[] {true}, new boolean[] {true}, 0)
                .correctedShare());
        assertEquals(0.0, SteeringEvaluation.kl(new double[] {Math.log(0.5), Math.log(0.5)},
                new double[] {Math.log(0.5), Math.log(0.5)}), 0.0);
        // KL((0.5, 0.5) || (0.9, 0.1)) = 0.5 ln(0.5/0.9) + 0.5 ln(0.5/0.1)
        assertEquals(0.5 * Math.log(0.5 / 0.9) + 0.5 * Math.log(5), SteeringEvaluation.kl(
                new double[] {Math.log(0.5), Math.log(0.5)}, new double[] {Math.log(0.9), Math.log(0.1)}), 1e-12);
    }
}
