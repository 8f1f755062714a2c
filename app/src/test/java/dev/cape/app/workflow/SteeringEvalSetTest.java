package dev.cape.app.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.inference.direction.DirectionFile;
import dev.cape.inference.eval.ItemSplit;
import dev.cape.inference.eval.StatementCsv;
import dev.cape.inference.eval.StatementSet;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which items a sweep scores: the held-out split of the direction's own data, every item of any other file. */
class SteeringEvalSetTest {

    @TempDir
    Path dir;

    private Path csv(String name, int rows, String word) throws Exception {
        StringBuilder s = new StringBuilder("statement,label\n");
        for (int i = 0; i < rows; i++) {
            s.append(word).append(' ').append(i).append(" .,").append(i % 2).append('\n');
        }
        return Files.writeString(dir.resolve(name), s.toString());
    }

    private static DirectionFile.Stored fittedOn(StatementSet set, double testShare, long seed) {
        return new DirectionFile.Stored(Map.of(0, new float[] {1, 0}), Map.of(0, 0.5), 0, Map.of(
                "dataset", set.name(), "dataset_sha256", set.sha256(), "test_share", Double.toString(testShare),
                "split_seed", Long.toString(seed)));
    }

    @Test
    void theDirectionsOwnDataGivesOnlyItsHeldOutSplit() throws Exception {
        Path own = csv("own.csv", 30, "the");
        StatementSet set = StatementCsv.read(own);
        ItemSplit split = ItemSplit.of(set, 0.3, 7);
        SteeringEvalSet e = SteeringEvalSet.of(own, fittedOn(set, 0.3, 7), 0, "{statement}", 8);
        assertEquals(split.test().length, e.task().size());
        assertTrue(split.test().length < 30, "the split holds some items out: " + split.test().length);
        assertEquals("own.csv, held-out split of the direction (seed 7)", e.note());
    }

    @Test
    void anotherFileGivesAllItemsAndTheLimitCapsThem() throws Exception {
        StatementSet fitted = StatementCsv.read(csv("own.csv", 30, "the"));
        Path other = csv("other.csv", 12, "a");
        SteeringEvalSet all = SteeringEvalSet.of(other, fittedOn(fitted, 0.5, 1), 0, "{statement}", 8);
        assertEquals(12, all.task().size());
        assertEquals("other.csv, all items (not the direction's data)", all.note());
        assertEquals(5, SteeringEvalSet.of(other, fittedOn(fitted, 0.5, 1), 5, "{statement}", 8).task().size());
    }

    @Test
    void aNamedSetIsScoredLikeAFileAndItsOwnDirectionGetsTheHeldOutSplit() {
        StatementSet bundled = StatementSources.read("bundled:larger_than");
        ItemSplit split = ItemSplit.of(bundled, 0.5, 3);
        SteeringEvalSet own = SteeringEvalSet.of("bundled:larger_than", fittedOn(bundled, 0.5, 3), 0, "{statement}",
                8);
        assertEquals(split.test().length, own.task().size());
        assertTrue(own.note().endsWith("held-out split of the direction (seed 3)"), own.note());
        SteeringEvalSet generated = SteeringEvalSet.of("generated:addition:20:1", fittedOn(bundled, 0.5, 3), 0,
                "{statement}", 8);
        assertEquals(StatementSources.read("generated:addition:20:1").size(), generated.task().size());
        assertTrue(generated.note().endsWith("all items (not the direction's data)"), generated.note());
    }

    @Test
    void aDirectionFittedOnSomeItemsIsScoredOnlyOnTheHeldOutItemsOfThoseItems() throws Exception {
        Path own = csv("own.csv", 60, "the");
        StatementSet full = StatementCsv.read(own);
        StatementSet drawn = StatementSources.limitItems(full, 20, 7);
        ItemSplit split = ItemSplit.of(drawn, 0.5, 7);
        java.util.Map<String, String> meta = new java.util.HashMap<>(fittedOn(full, 0.5, 7).metadata());
        meta.put("item_limit", "20");
        DirectionFile.Stored direction = new DirectionFile.Stored(Map.of(0, new float[] {1, 0}), Map.of(0, 0.5), 0,
                meta);
        SteeringEvalSet e = SteeringEvalSet.of(own, direction, 0, "{statement}", 8);
        assertEquals(drawn.subset(split.test()).statements(), e.statements().statements());
        java.util.Set<String> trained = new java.util.HashSet<>();
        for (int r : split.train()) {
            trained.add(drawn.statements().get(r).item());
        }
        assertTrue(e.statements().statements().stream().noneMatch(s -> trained.contains(s.item())),
                "no item the direction was fitted on is scored");
        assertEquals("own.csv, held-out split of the direction's 20 items (seed 7)", e.note());
    }
}
