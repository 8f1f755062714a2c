package dev.cape.inference.eval;

import dev.cape.inference.model.LanguageModel;

/** Items scored right or wrong by the model as it is now (with whatever hooks are open). */
public interface EvalTask {

    /**
     * What one scoring run gives per item.
     *
     * @param correct whether each item is answered correctly
     * @param graded  a graded score of each item in [0, 1] where the task has one (TruthfulQA MC2), else null
     */
    record Outcome(boolean[] correct, double[] graded) {
        public Outcome {
            if (graded != null && graded.length != correct.length) {
                throw new IllegalArgumentException("graded has " + graded.length + " items, correct "
                        + correct.length);
            }
        }
    }

    /** Number of items. */
    int size();

    /** What one item is, plural, for reports ("statements", "questions"). */
    default String unit() {
        return "items";
    }

    /** Whether the model answers each item correctly. */
    boolean[] correct(LanguageModel model);

    /** Correctness and, where the task has one, the graded score of each item, from one scoring run. */
    default Outcome outcome(LanguageModel model) {
        return new Outcome(correct(model), null);
    }
}
