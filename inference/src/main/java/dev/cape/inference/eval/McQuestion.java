package dev.cape.inference.eval;

import java.util.List;

/**
 * A TruthfulQA-style multiple-choice question: MC1 has exactly one correct choice, MC2 one or more.
 *
 * @param question the question
 * @param mc1      MC1 choices (exactly one correct)
 * @param mc2      MC2 choices (at least one correct and one incorrect)
 */
public record McQuestion(String question, List<Choice> mc1, List<Choice> mc2) {

    /** An answer choice and whether it is correct. */
    public record Choice(String text, boolean correct) {
    }

    public McQuestion {
        mc1 = List.copyOf(mc1);
        mc2 = List.copyOf(mc2);
        long c1 = mc1.stream().filter(Choice::correct).count();
        if (c1 != 1 || mc1.size() < 2) {
            throw new IllegalArgumentException("MC1 of '" + question + "' needs exactly one correct choice among at "
                    + "least two: " + c1 + " correct of " + mc1.size());
        }
        long c2 = mc2.stream().filter(Choice::correct).count();
        if (c2 == 0 || c2 == mc2.size()) {
            throw new IllegalArgumentException("MC2 of '" + question + "' needs correct and incorrect choices: " + c2
                    + " correct of " + mc2.size());
        }
    }
}
