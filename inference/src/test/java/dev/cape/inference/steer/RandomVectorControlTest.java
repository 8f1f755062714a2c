package dev.cape.inference.steer;

import static dev.cape.inference.Fixtures.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.cape.inference.Fixtures;
import dev.cape.inference.model.LanguageModel;
import dev.cape.inference.model.Logits;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class RandomVectorControlTest {

    @Test
    void fewerThanOneRandomDirectionIsRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> RandomVectorControl.withDefaults().withRandoms(0));
        assertEquals("randoms must be >= 1: 0", e.getMessage());
    }

    @Test
    void countSeparationAndPercentileByHand() {
        boolean[] y = {true, true, false, false};
        double[] d = {0.3, -0.1, -0.2, 0.0};
        // towards the label: item 0 (up, true) and item 2 (down, false); zero moves nothing
        assertEquals(2, RandomVectorControl.count(d, y));
        // mean(0.3, -0.1) - mean(-0.2, 0.0) = 0.1 - (-0.1)
        assertEquals(0.2, RandomVectorControl.separation(d, y), 1e-15);
        // 2 below, 1 tie (one half), 1 above, of 4
        assertEquals(2.5 / 4, RandomVectorControl.percentile(3, new double[] {1, 2, 3, 4}), 0);
    }

    @Test
    void aShiftCommonToAllItemsCountsOneLabelOnly() {
        boolean[] y = {true, false, true, false, true, false};
        double[] up = {1, 2, 3, 4, 5, 6};
        assertEquals(3, RandomVectorControl.count(up, y), "every margin raised: only the true items count");
        assertEquals(-1, RandomVectorControl.separation(up, y), 1e-15);
    }

    @Test
    void randomDirectionsAreSeededAndShareLayerAndSigma() {
        SteeringVector like = new SteeringVector(2, new float[] {1, 0, 0, 0, 0, 0, 0, 0}, 0.7);
        RandomVectorControl c = RandomVectorControl.withDefaults().withSeed(42);
        SteeringVector a = c.random(like, 3);
        assertEquals(a, RandomVectorControl.withDefaults().withSeed(42).random(like, 3), "same seed, same vector");
        assertFalse(Arrays.equals(a.unit(), c.random(like, 4).unit()), "another k, another vector");
        assertEquals(2, a.layer());
        assertEquals(0.7, a.sigma(), 0);
        double n = 0;
        for (float f : a.unit()) {
            n += (double) f * f;
        }
        assertEquals(1, Math.sqrt(n), 1e-6, "unit norm, so |α σ v̂| is the same as the direction's");
    }

    @Test
    void lastPositionOnlySteersTheLastPositionOfTheForwardPass() {
        Path folder = Fixtures.model("llama");
        int[] ids = ints(Fixtures.expected(folder).get("input_ids"));
        float[] x = new float[64];
        x[0] = 1;
        SteeringVector v = new SteeringVector(0, x, 3);
        try (LanguageModel m = LanguageModel.load(folder)) {
            Logits plain = m.forward(ids);
            Logits steered;
            try (SteeringSession s = SteeringSession.on(m).add(v, 1).lastPositionOnly().open()) {
                steered = m.forward(ids);
            }
            int last = ids.length - 1;
            for (int p = 0; p < last; p++) {
                assertArrayEquals(plain.row(0, p), steered.row(0, p), 0f, "position " + p + " unsteered");
            }
            assertTrue(Fixtures.maxAbsDiff(plain.row(0, last), steered.row(0, last)) > 1e-4, "last position steered");
            Logits all;
            try (SteeringSession s = SteeringSession.on(m).add(v, 1).open()) {
                all = m.forward(ids);
            }
            assertTrue(Fixtures.maxAbsDiff(all.row(0, last), steered.row(0, last)) > 1e-6,
                    "steering every position differs from steering the last one");
        }
    }
}
