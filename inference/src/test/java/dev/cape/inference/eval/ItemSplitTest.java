package dev.cape.inference.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ItemSplitTest {

    @Test
    void testShareOutsideTheOpenUnitIntervalIsRefused() {
        StatementSet s = GeneratedStatements.generate(GeneratedStatements.Kind.ADDITION, 10, 1);
        assertThrows(IllegalArgumentException.class, () -> ItemSplit.of(s, 1.0, 1));
        assertThrows(IllegalArgumentException.class, () -> ItemSplit.of(s, 0.0, 1));
    }

    @Test
    void noItemIsOnBothSidesAndTheSeedFixesTheSplit() {
        StatementSet s = GeneratedStatements.generate(GeneratedStatements.Kind.LARGER_THAN, 100, 3);
        ItemSplit a = ItemSplit.of(s, 0.5, 7);
        ItemSplit b = ItemSplit.of(s, 0.5, 7);
        assertArrayEquals(a.train(), b.train());
        assertEquals(200, a.train().length + a.test().length);
        assertEquals(100, a.test().length, "50 of 100 items, two statements each");
        Set<String> train = new HashSet<>();
        for (int r : a.train()) {
            train.add(s.statements().get(r).item());
        }
        for (int r : a.test()) {
            assertFalse(train.contains(s.statements().get(r).item()), "item on both sides: row " + r);
        }
        ItemSplit c = ItemSplit.of(s, 0.5, 8);
        assertFalse(java.util.Arrays.equals(a.test(), c.test()), "another seed, another split");
    }
}
