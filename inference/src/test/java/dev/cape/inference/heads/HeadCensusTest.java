package dev.cape.inference.heads;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.inference.Fixtures;
import dev.cape.inference.direction.Progress;
import dev.cape.inference.eval.StatementSet;
import dev.cape.inference.model.LanguageModel;
import org.junit.jupiter.api.Test;

class HeadCensusTest {

    private static StatementSet words(int n, long seed) {
        String[] vocab = {"the", "of", "and", "to", "in", "a", "is", "that", "for", "it", "as", "was", "with", "be",
            "by", "on", "not", "he", "this", "are", "or", "his", "from", "at", "which", "but", "have", "an", "they"};
        java.util.Random r = new java.util.Random(seed);
        java.util.List<dev.cape.inference.eval.Statement> out = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            StringBuilder sb = new StringBuilder();
            for (int k = 0; k < 3 + r.nextInt(3); k++) {
                sb.append(k == 0 ? "" : " ").append(vocab[r.nextInt(vocab.length)]);
            }
            out.add(new dev.cape.inference.eval.Statement(sb + " .", i % 2 == 0, "item " + i, java.util.Map.of()));
        }
        return new StatementSet("words seed " + seed, "-", out);
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
}
