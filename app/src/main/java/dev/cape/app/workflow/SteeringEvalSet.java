package dev.cape.app.workflow;

import dev.cape.inference.direction.DirectionFile;
import dev.cape.inference.eval.EvalTask;
import dev.cape.inference.eval.ItemSplit;
import dev.cape.inference.eval.McQuestion;
import dev.cape.inference.eval.McTask;
import dev.cape.inference.eval.StatementSet;
import dev.cape.inference.eval.TrueFalseTask;
import dev.cape.inference.eval.TruthfulQa;
import java.nio.file.Path;
import java.util.List;

/**
 * The items a steering sweep is scored on, for {@code cape steer --eval} and the workbench alike: a TruthfulQA file
 * as MC1/MC2 questions, or statements (a CSV or a named set) as " True"/" False" completions. When the statements are
 * the set the direction was fitted on (same SHA-256 as its {@code dataset_sha256}), only the items of the direction's test split are used, so
 * the sweep never scores statements the direction has seen.
 *
 * @param task       the evaluation task
 * @param note       which items are used, for the report
 * @param statements the statements scored (null for TruthfulQA)
 */
public record SteeringEvalSet(EvalTask task, String note, StatementSet statements) {

    /** As {@link #of(String, DirectionFile.Stored, int, String, int)} for a file. */
    public static SteeringEvalSet of(Path file, DirectionFile.Stored direction, int limit, String template,
            int batch) {
        return of(file.toString(), direction, limit, template, batch);
    }

    /**
     * @param source    statement CSV or TruthfulQA file, or a named set ({@code bundled:NAME},
     *                  {@code generated:KIND[:PAIRS[:SEED]]}, see {@link StatementSources})
     * @param direction the direction steered with (its provenance decides the split)
     * @param limit     at most this many items (0 = all); statement items are drawn with seed 1
     * @param template  prompt for statements, with {@code {statement}}
     * @param batch     batch size of the scoring passes
     */
    public static SteeringEvalSet of(String source, DirectionFile.Stored direction, int limit, String template,
            int batch) {
        if (!StatementSources.isNamed(source) && TruthfulQa.looksLikeTruthfulQa(Path.of(source))) {
            TruthfulQa.Questions qs = TruthfulQa.read(Path.of(source));
            List<McQuestion> list = qs.questions();
            if (limit > 0 && list.size() > limit) {
                list = list.subList(0, limit);
            }
            return new SteeringEvalSet(new McTask(list, batch), "TruthfulQA MC1/MC2 (" + qs.name() + ")", null);
        }
        StatementSet set = StatementSources.read(source);
        String note;
        if (set.sha256().equals(direction.meta("dataset_sha256"))) {
            long seed = Long.parseLong(direction.meta("split_seed"));
            // the same items the direction was fitted on: a limited run drew them with the split seed, then split
            String drawn = direction.meta("item_limit");
            int items = drawn.isEmpty() ? 0 : Integer.parseInt(drawn);
            set = StatementSources.limitItems(set, items, seed);
            ItemSplit split = ItemSplit.of(set, Double.parseDouble(direction.meta("test_share")), seed);
            set = set.subset(split.test());
            note = set.name() + ", held-out split of the direction" + (items > 0 ? "'s " + items + " items" : "")
                    + " (seed " + direction.meta("split_seed") + ")";
        } else {
            note = set.name() + ", all items (not the direction's data)";
        }
        set = StatementSources.limitItems(set, limit, 1);
        return new SteeringEvalSet(new TrueFalseTask(set, template, batch), note, set);
    }
}
