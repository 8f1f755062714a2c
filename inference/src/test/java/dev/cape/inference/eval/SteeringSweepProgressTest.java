package dev.cape.inference.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.cape.inference.Fixtures;
import dev.cape.inference.model.LanguageModel;
import dev.cape.inference.steer.SteeringSession;
import dev.cape.inference.steer.SteeringVector;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;
import org.junit.jupiter.api.Test;

/** The α sweep reports a step per run and stops between steps when its thread is interrupted (tiny GPT-2). */
class SteeringSweepProgressTest {

    static final String WORDS = """
            statement,label
            the of and .,1
            to in a .,0
            is that for .,1
            it as was .,0
            with be the .,1
            of and to .,0
            """;

    static TrueFalseTask task() {
        return new TrueFalseTask(StatementCsv.parse(WORDS, "words.csv", "x"), "{statement}", 4);
    }

    /** A unit vector along coordinate 1 at layer 0. */
    static SteeringVector vector(LanguageModel m) {
        float[] v = new float[m.spec().dModel()];
        v[1] = 1;
        return new SteeringVector(0, v, 0.5);
    }

    @Test
    void aSweepReportsTheUnsteeredRunAndEachAlphaAndGivesTheSameResultAsWithoutProgress() {
        try (LanguageModel m = LanguageModel.load(Fixtures.model("gpt2"))) {
            TrueFalseTask task = task();
            SteeringVector vector = vector(m);
            List<String> seen = new ArrayList<>();
            SteeringEvaluation.Result r = SteeringEvaluation.sweep(m, task, vector, new double[] {0, 4},
                    SteeringSession.Site.RESID_POST, List.of("the of and"),
                    (what, done, total) -> seen.add(what + " " + done + "/" + total));
            assertEquals(List.of("unsteered scores 0/3", "alpha 0.0 1/3", "alpha 4.0 2/3", "alphas 3/3"), seen);
            SteeringEvaluation.Result quiet = SteeringEvaluation.sweep(m, task, vector, new double[] {0, 4},
                    SteeringSession.Site.RESID_POST, List.of("the of and"));
            assertEquals(quiet.points(), r.points());
        }
    }

    @Test
    void anInterruptedSweepStopsBeforeTheNextAlpha() {
        try (LanguageModel m = LanguageModel.load(Fixtures.model("gpt2"))) {
            TrueFalseTask task = task();
            SteeringVector vector = vector(m);
            List<String> seen = new ArrayList<>();
            Thread.currentThread().interrupt();
            try {
                assertThrows(CancellationException.class, () -> SteeringEvaluation.sweep(m, task, vector,
                        new double[] {0, 4}, SteeringSession.Site.RESID_POST, List.of("the of and"),
                        (what, done, total) -> seen.add(what)));
            } finally {
                Thread.interrupted();
            }
            assertEquals(List.of("unsteered scores"), seen);
        }
    }
}
