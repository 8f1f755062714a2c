package dev.cape.inference.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A seeded train/test split of a statement set by item: the items are shuffled with {@code java.util.Random(seed)}
 * and the first {@code round(testShare · items)} go to the test side, so a fit never sees a statement of an item it is
 * scored on. Same set and seed ⇒ same split.
 *
 * @param train     training rows, ascending
 * @param test      test rows, ascending
 * @param seed      the seed used
 * @param testShare the share of items held out
 */
public record ItemSplit(int[] train, int[] test, long seed, double testShare) {

    /** Splits {@code set} with a share of {@code testShare} of its items (in (0, 1)) held out. */
    public static ItemSplit of(StatementSet set, double testShare, long seed) {
        if (!(testShare > 0 && testShare < 1)) {
            throw new IllegalArgumentException("testShare must be in (0, 1): " + testShare);
        }
        Map<String, List<Integer>> byItem = set.rowsByItem();
        if (byItem.size() < 2) {
            throw new IllegalArgumentException("a split needs at least two items, " + set.name() + " has "
                    + byItem.size());
        }
        List<String> items = new ArrayList<>(byItem.keySet());
        Collections.shuffle(items, new Random(seed));
        int nTest = (int) Math.max(1, Math.min(items.size() - 1, Math.round(testShare * items.size())));
        boolean[] isTest = new boolean[set.size()];
        for (int i = 0; i < nTest; i++) {
            for (int r : byItem.get(items.get(i))) {
                isTest[r] = true;
            }
        }
        int[] train = new int[set.size() - count(isTest)];
        int[] test = new int[count(isTest)];
        int a = 0;
        int b = 0;
        for (int r = 0; r < isTest.length; r++) {
            if (isTest[r]) {
                test[b++] = r;
            } else {
                train[a++] = r;
            }
        }
        return new ItemSplit(train, test, seed, testShare);
    }

    private static int count(boolean[] v) {
        int n = 0;
        for (boolean b : v) {
            n += b ? 1 : 0;
        }
        return n;
    }
}
