package dev.cape.inference.direction;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.inference.eval.ItemSplit;
import dev.cape.inference.eval.StatementDataException;
import dev.cape.inference.model.Progress;
import org.junit.jupiter.api.Test;

/** Degenerate statement sets give a data error naming the layer, not a bare arithmetic failure. */
class DirectionFinderTest {

    @Test
    void identicalActivationsOfBothClassesAreADataErrorNamingTheLayer() {
        float[][][] values = new float[2][8][4];   // [layers][n][d]: every statement encodes alike
        for (float[][] layer : values) {
            for (float[] row : layer) {
                java.util.Arrays.fill(row, 0.5f);
            }
        }
        boolean[] labels = {true, false, true, false, true, false, true, false};
        ItemSplit split = new ItemSplit(new int[] {0, 1, 2, 3}, new int[] {4, 5, 6, 7}, 1, 0.5);
        StatementDataException e = assertThrows(StatementDataException.class, () -> DirectionFinder.withDefaults()
                .find(new LayerActivations("blocks.{L}.hook_resid_post", values), labels, null, split, Progress.NONE));
        assertTrue(e.getMessage().startsWith("layer 0: the mass-mean direction has norm 0.0: the true and false "
                + "training statements give the same activations there"), e.getMessage());
    }

    @Test
    void nonFiniteActivationsAreNamedAsSuchNotAsIdenticalStatements() {
        float[][][] values = new float[1][8][4];
        for (int i = 0; i < 8; i++) {
            values[0][i] = new float[] {i, i % 2, 1, 2};
        }
        values[0][0][2] = Float.NaN;
        boolean[] labels = {true, false, true, false, true, false, true, false};
        ItemSplit split = new ItemSplit(new int[] {0, 1, 2, 3}, new int[] {4, 5, 6, 7}, 1, 0.5);
        StatementDataException e = assertThrows(StatementDataException.class, () -> DirectionFinder.withDefaults()
                .find(new LayerActivations("blocks.{L}.hook_resid_post", values), labels, null, split, Progress.NONE));
        assertTrue(e.getMessage().startsWith("layer 0: the mass-mean direction has norm NaN: the activations hold NaN"),
                e.getMessage());
    }
}
