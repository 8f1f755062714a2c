package dev.cape.inference.heads;

import dev.cape.inference.eval.Statement;
import dev.cape.inference.eval.StatementSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/** Statements made of the tiny fixtures' word-level vocabulary (128 common English words). */
final class HeadCensusTestSets {

    private HeadCensusTestSets() {
    }

    /** {@code n} statements of 3 to 5 words and a full stop, labelled true and false in turn, one item each. */
    static StatementSet words(int n, long seed) {
        String[] vocab = {"the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with", "be",
            "by", "on", "not", "he", "this", "are", "or", "his", "from", "at", "which", "but", "have", "an", "they"};
        Random r = new Random(seed);
        List<Statement> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < 3 + r.nextInt(3); k++) {
                sb.append(k == 0 ? "" : " ").append(vocab[r.nextInt(vocab.length)]);
            }
            out.add(new Statement(sb + " .", i % 2 == 0, "item " + i, Map.of()));
        }
        return new StatementSet("words seed " + seed, "-", out);
    }
}
