package dev.cape.inference.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** MC1 and MC2 from known summed log-probabilities, and their use in the steering sweep. */
class McTaskTest {

    private static McQuestion.Choice t(String text) {
        return new McQuestion.Choice(text, true);
    }

    private static McQuestion.Choice f(String text) {
        return new McQuestion.Choice(text, false);
    }

    private static final List<McQuestion> QUESTIONS = List.of(
            new McQuestion("q1", List.of(t("a"), f("b"), f("c")), List.of(t("a"), t("d"), f("b"), f("c"))),
            new McQuestion("q2", List.of(t("a"), f("b")), List.of(t("a"), f("b"))),
            new McQuestion("q3", List.of(t("a"), f("b")), List.of(t("a"), f("b"), f("c"))));

    /* Summed log-probabilities, question by question: MC1 choices, then MC2 choices. */
    private static final double[] LOG_PROBS = {
        -1.0, -2.0, -0.5,                                                   // q1 MC1: c beats the true a
        Math.log(0.2), Math.log(0.1), Math.log(0.3), Math.log(0.05),       // q1 MC2: p = .2, .1 | .3, .05
        -0.1, -3.0,                                                         // q2 MC1: a wins
        Math.log(0.5), Math.log(0.25),                                      // q2 MC2: p = .5 | .25
        -1000.0, -1001.0,                                                   // q3 MC1: a wins
        -1000.0, -1001.0, -1002.0};                                         // q3 MC2: exp() of these underflows to 0

    @Test
    void logProbsOfTheWrongLengthAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> McTask.score(QUESTIONS, new double[3]));
        assertEquals("log-probabilities must number 16 (MC1 and MC2 choices of 3 questions): 3", e.getMessage());
    }

    @Test
    void mc1IsRightWhenTheTrueChoiceHasTheHighestSummedLogProb() {
        assertArrayEquals(new boolean[] {false, true, true}, McTask.score(QUESTIONS, LOG_PROBS).mc1());
    }

    @Test
    void mc2IsTheNormalisedProbabilityMassOfTheTrueChoices() {
        double[] mc2 = McTask.score(QUESTIONS, LOG_PROBS).mc2();
        // q1: (0.2 + 0.1) / (0.2 + 0.1 + 0.3 + 0.05) = 0.3 / 0.65 = 6/13, although MC1 is wrong
        assertEquals(6.0 / 13, mc2[0], 1e-15);
        // q2: 0.5 / (0.5 + 0.25) = 2/3
        assertEquals(2.0 / 3, mc2[1], 1e-15);
        // q3: e^-1000 / (e^-1000 + e^-1001 + e^-1002) = 1 / (1 + e^-1 + e^-2) = 0.66524..., no underflow
        assertEquals(1 / (1 + Math.exp(-1) + Math.exp(-2)), mc2[2], 1e-15);
    }

    @Test
    void mc2IsInvariantToAShiftOfAQuestionsLogProbs() {
        double[] shifted = LOG_PROBS.clone();
        for (int i = 2 + 1; i < 2 + 1 + 4; i++) {   // q1's MC2 choices, all by the same constant
            shifted[i] -= 37.5;
        }
        assertEquals(McTask.score(QUESTIONS, LOG_PROBS).mc2()[0], McTask.score(QUESTIONS, shifted).mc2()[0], 1e-15);
    }

    @Test
    void sweepPointsCarryTheMeanMc2AndKeepTheMc1Shares() {
        boolean[] base = {true, true, true, false, false};
        boolean[] steered = {true, false, true, true, false};
        EvalTask.Outcome b = new EvalTask.Outcome(base, new double[] {0.9, 0.6, 0.7, 0.2, 0.1});
        EvalTask.Outcome s = new EvalTask.Outcome(steered, new double[] {0.8, 0.4, 0.7, 0.6, 0.5});
        SteeringEvaluation.Point p = SteeringEvaluation.compare(2, b, s, 0.1);
        assertEquals(SteeringEvaluation.compare(2, base, steered, 0.1),
                new SteeringEvaluation.Point(p.alpha(), p.accuracy(), p.correctedShare(), p.brokenShare(), p.kl()),
                "MC1 accuracy, corrected and broken shares as without MC2");
        assertEquals((0.8 + 0.4 + 0.7 + 0.6 + 0.5) / 5, p.mc2(), 1e-15);
        assertEquals(Double.NaN, SteeringEvaluation.compare(2, new EvalTask.Outcome(base, null),
                new EvalTask.Outcome(steered, null), 0.1).mc2(), "no graded score, no MC2");
    }

    @Test
    void tasksWithoutAGradedScoreGiveNone() {
        EvalTask plain = new EvalTask() {
            @Override
            public int size() {
                return 2;
            }

            @Override
            public boolean[] correct(dev.cape.inference.model.LanguageModel model) {
                return new boolean[] {true, false};
            }
        };
        assertNull(plain.outcome(null).graded());
        assertThrows(IllegalArgumentException.class, () -> new EvalTask.Outcome(new boolean[2], new double[3]));
    }
}
