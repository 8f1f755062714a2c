package dev.cape.inference.steer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.inference.direction.DirectionExtraction;
import dev.cape.inference.direction.DirectionFinder;
import dev.cape.inference.direction.DirectionReport;
import dev.cape.inference.direction.LayerDirection;
import dev.cape.inference.model.Progress;
import dev.cape.inference.direction.StatementBos;
import dev.cape.inference.direction.Vectors;
import dev.cape.inference.eval.StatementCsv;
import dev.cape.inference.eval.StatementSet;
import dev.cape.inference.eval.SteeringEvaluation;
import dev.cape.inference.eval.TrueFalseTask;
import dev.cape.inference.model.LanguageModel;
import dev.cape.inference.model.Logits;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The truth direction on stories15M with Marks and Tegmark's {@code larger_than} statements, subsampled with a fixed
 * seed (150 items = 300 statements) to keep the run near half a minute on two cores.
 */
class Stories15MSteeringTest {

    @Test
    void heldOutProbeIsWellAboveChanceAndSteeringIsMeasurableAndReversible() {
        StatementSet all = StatementCsv.read(Stories15MModel.truthData("geometry_of_truth/larger_than.csv"));
        StatementSet set = sample(all, 150, 11);
        try (LanguageModel m = Stories15MModel.load()) {
            DirectionExtraction.Outcome o = DirectionExtraction.run(m, set, DirectionFinder.withDefaults(), 0.5, 1, 32,
                    Progress.NONE);
            DirectionReport r = o.report();
            StringBuilder curve = new StringBuilder();
            r.layers().forEach(l -> curve.append(String.format(java.util.Locale.ROOT, " L%d %.3f", l.layer(),
                    l.accuracy())));
            System.out.println("stories15M larger_than mass-mean held-out accuracy:" + curve);
            // 150 held-out statements: chance is 0.5 with sd 0.041; 0.62 is three sd above it
            assertTrue(r.best().accuracy() >= 0.62, "best held-out accuracy " + r.best().accuracy() + curve);

            LayerDirection best = r.layers().get(3);
            SteeringVector truth = new SteeringVector(3, Vectors.toFloat(best.unit()), best.sigma());
            StatementSet test = set.subset(o.split().test());
            TrueFalseTask task = new TrueFalseTask(test, TrueFalseTask.DEFAULT_TEMPLATE, 32);
            int[] ids = m.tokenizer().orElseThrow().encode(SteeringEvaluation.NEUTRAL_TEXTS.get(0), true);
            Logits before = m.forward(ids);
            SteeringEvaluation.Result sweep = SteeringEvaluation.sweep(m, task, truth, new double[] {0, 1, 2, 4},
                    SteeringSession.Site.RESID_POST, SteeringEvaluation.NEUTRAL_TEXTS.subList(0, 2));
            System.out.println("stories15M steering sweep at layer 3: " + sweep);
            assertArrayEquals(before.data(), m.forward(ids).data(), 0f, "closing every session restored the model");
            List<SteeringEvaluation.Point> p = sweep.points();
            assertEquals(0.0, p.get(0).kl(), 1e-9, "alpha 0 changes nothing");
            assertEquals(0.0, p.get(0).correctedShare() + p.get(0).brokenShare(), 0.0);
            assertTrue(p.get(1).kl() > 0 && p.get(1).kl() < p.get(2).kl() && p.get(2).kl() < p.get(3).kl(),
                    "KL on neutral text grows with alpha: " + p);
        }
    }

    /**
     * The data README's reference (a numpy difference-of-means probe on the last-token residual stream, 400
     * statements split 50/50) reached about 0.80 on {@code larger_than}. With BOS, as llama2.c prepends it, our probe
     * gets about 0.71 at its best layer (mean over 50 seeded 400-statement splits; 0.707 on this sample). Without BOS
     * it gets 0.82 (sd 0.03) at layers 4 and 5, which reproduces the reference (numpy on activations dumped from this
     * runtime, same splits). On this sample: 0.827 at layer 5. The bound 0.75 sits between the two on this fixed
     * sample and is 3 sd above chance for 150 test statements: it fails if the statements get a BOS again.
     */
    @Test
    void withoutBosTheLastTokenProbeReachesTheReferenceAccuracy() {
        StatementSet set = sample(StatementCsv.read(Stories15MModel.truthData("geometry_of_truth/larger_than.csv")),
                150, 11);
        try (LanguageModel m = Stories15MModel.load()) {
            DirectionExtraction.Outcome o = DirectionExtraction.run(m, set, DirectionFinder.withDefaults(), 0.5, 1,
                    32, StatementBos.NONE, Progress.NONE);
            DirectionReport r = o.report();
            StringBuilder curve = new StringBuilder();
            r.layers().forEach(l -> curve.append(String.format(java.util.Locale.ROOT, " L%d %.3f", l.layer(),
                    l.accuracy())));
            System.out.println("stories15M larger_than mass-mean held-out accuracy without BOS:" + curve);
            assertTrue(r.best().accuracy() >= 0.75, "best held-out accuracy " + r.best().accuracy() + curve);

            // The steering check: +alpha along the truth direction moves P(" True") - P(" False") towards
            // each held-out statement's label more often than a random direction of the same norm does (the mean
            // count over seeded random directions). Steered at the prompt's last position, alpha = 4 sigma.
            // Measured over 9 samples (numpy, 100 random directions) the truth direction beat the mean random count
            // in all 9, by 0.9-2.6 sd, but exceeded the 90th percentile in only 5: the mean is the bound asserted.
            LayerDirection best = r.best();
            SteeringVector truth = new SteeringVector(best.layer(), Vectors.toFloat(best.unit()), best.sigma());
            RandomVectorControl.Result c = RandomVectorControl.withDefaults().withRandoms(20)
                    .with(RandomVectorControl.Positions.LAST)
                    .run(m, set.subset(o.split().test()), TrueFalseTask.DEFAULT_TEMPLATE, truth, 4, 32);
            System.out.println("stories15M truth vs random directions at layer " + best.layer() + ": truth count "
                    + c.truthCount() + " of " + c.labels().length + ", random counts "
                    + java.util.Arrays.toString(c.randomCounts()) + ", percentile " + c.countPercentile());
            assertTrue(c.truthCount() > c.meanRandomCount(), "truth direction count " + c.truthCount()
                    + " not above the mean random count " + c.meanRandomCount());
        }
    }

    static StatementSet sample(StatementSet set, int items, long seed) {
        List<String> all = new ArrayList<>(set.rowsByItem().keySet());
        Collections.shuffle(all, new Random(seed));
        Set<String> keep = new HashSet<>(all.subList(0, items));
        return set.subset(java.util.stream.IntStream.range(0, set.size())
                .filter(i -> keep.contains(set.statements().get(i).item())).toArray());
    }
}
