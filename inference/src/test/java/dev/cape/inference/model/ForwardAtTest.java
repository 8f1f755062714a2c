package dev.cape.inference.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.inference.Fixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Logits at chosen positions equal those rows of the all-position logits, on several architectures. */
class ForwardAtTest {

    @ParameterizedTest
    @ValueSource(strings = {"gpt2", "llama", "gemma2", "gpt_neox"})
    void chosenPositionsEqualTheFullRows(String fixture) {
        try (LanguageModel m = LanguageModel.load(Fixtures.model(fixture))) {
            int[][] batch = {{5, 6, 7, 8, 9}, {10, 11, 12, 13, 14}};
            int[][] at = {{1, 3}, {4, 0}};
            Logits chosen = m.forwardAt(batch, at);
            Logits full = m.forward(batch, null, true);
            assertEquals(2, chosen.positions());
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    assertArrayEquals(full.row(i, at[i][j]), chosen.row(i, j), 1e-5f, fixture + " row " + i + " " + j);
                }
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt2"})
    void positionsOutsideTheRowsOrOfUnequalCountsAreRefused(String fixture) {
        try (LanguageModel m = LanguageModel.load(Fixtures.model(fixture))) {
            int[][] batch = {{5, 6, 7}, {8, 9, 10}};
            String out = assertThrows(IllegalArgumentException.class, () -> m.forwardAt(batch, new int[][] {{0},
                {3}})).getMessage();
            assertTrue(out.contains("position 3 of row 1 is outside [0, 3)"), out);
            String uneven = assertThrows(IllegalArgumentException.class, () -> m.forwardAt(batch, new int[][] {{0},
                {1, 2}})).getMessage();
            assertTrue(uneven.contains("same number"), uneven);
        }
    }
}
