package dev.cape.inference.direction;

import dev.cape.inference.model.Progress;
import dev.cape.inference.eval.ItemSplit;
import dev.cape.inference.eval.Statement;
import dev.cape.inference.eval.StatementDataException;
import dev.cape.inference.eval.StatementSet;
import dev.cape.inference.model.LanguageModel;
import java.util.List;

/**
 * Statements to directions in one call: tokenize (BOS by the tokenizer's convention unless {@link StatementBos#NONE}),
 * collect last-token {@code hook_resid_post} at every layer, split by item with a seed, and fit and score a direction
 * per layer.
 */
public final class DirectionExtraction {

    /** The report and the activations and split it came from (for reuse, e.g. by the head census). */
    public record Outcome(DirectionReport report, LayerActivations activations, ItemSplit split) {
    }

    private DirectionExtraction() {
    }

    public static Outcome run(LanguageModel model, StatementSet set, DirectionFinder finder, double testShare,
            long splitSeed, int batchSize, Progress progress) {
        return run(model, set, finder, testShare, splitSeed, batchSize, StatementBos.TOKENIZER_DEFAULT, progress);
    }

    /** As {@link #run(LanguageModel, StatementSet, DirectionFinder, double, long, int, Progress)}, BOS as {@code bos}. */
    public static Outcome run(LanguageModel model, StatementSet set, DirectionFinder finder, double testShare,
            long splitSeed, int batchSize, StatementBos bos, Progress progress) {
        set.requireBothClasses();
        ItemSplit split = ItemSplit.of(set, testShare, splitSeed);
        List<int[]> ids = ActivationCollector.encode(model, set.statements().stream().map(Statement::text).toList(),
                bos);
        LayerActivations acts = ActivationCollector.residPostLastToken(model, ids, batchSize, progress);
        String[] items = set.statements().stream().map(Statement::item).toArray(String[]::new);
        DirectionReport report;
        try {
            report = finder.find(acts, set.labels(), items, split, progress);
        } catch (StatementDataException e) {
            throw new StatementDataException(set.name() + ": " + e.getMessage(), e);
        }
        return new Outcome(report, acts, split);
    }
}
