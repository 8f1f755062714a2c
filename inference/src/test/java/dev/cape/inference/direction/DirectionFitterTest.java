package dev.cape.inference.direction;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

class DirectionFitterTest {

    @Test
    void oneClassIsRefused() {
        float[][] x = {{1, 2}, {3, 4}};
        assertThrows(IllegalArgumentException.class,
                () -> DirectionFitter.withDefaults().fit(DirectionMethod.MASS_MEAN, x, new boolean[] {true, true}, null));
        assertThrows(IllegalArgumentException.class, () -> DirectionFitter.withDefaults().withL2(0));
    }

    @Test
    void massMeanIsTheHandComputedDifferenceOfMeans() {
        float[][] x = {{1, 2, 3}, {3, 6, -1}, {0, 0, 0}, {2, -2, 4}, {4, 1, 1}};
        boolean[] y = {true, true, false, false, false};
        // true mean (2, 4, 1); false mean (2, -1/3, 5/3)
        double[] expected = {0, 4 + 1.0 / 3, 1 - 5.0 / 3};
        assertArrayEquals(expected, DirectionFitter.massMean(x, y), 1e-12);
        assertArrayEquals(expected, DirectionFitter.withDefaults().fit(DirectionMethod.MASS_MEAN, x, y, null), 1e-12);
    }

    @Test
    void logisticProbeMatchesTheOneDimensionalClosedForm() {
        // x = ±1 with labels true/false, symmetric, so the intercept is 0 and w solves the stationarity condition of
        // log(1 + e^{-w}) + (λ/2) w² (features centred, rms 1):  λ w = 1 / (1 + e^{w}).
        float[][] x = {{1}, {-1}, {1}, {-1}};
        boolean[] y = {true, false, true, false};
        double lambda = 0.1;
        double lo = 0;
        double hi = 50;
        for (int i = 0; i < 200; i++) {
            double mid = (lo + hi) / 2;
            if (lambda * mid - 1 / (1 + Math.exp(mid)) < 0) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        double[] w = DirectionFitter.withDefaults().withL2(lambda).fit(DirectionMethod.LOGISTIC, x, y, null);
        assertEquals(lo, w[0], 1e-8);
    }

    @Test
    void logisticProbeSeparatesSeparableDataAlongTheSeparatingAxis() {
        Random r = new Random(4);
        float[][] x = new float[200][3];
        boolean[] y = new boolean[200];
        for (int i = 0; i < 200; i++) {
            y[i] = i % 2 == 0;
            x[i][0] = (float) ((y[i] ? 1 : -1) * (0.5 + r.nextDouble()));   // separable on axis 0
            x[i][1] = (float) r.nextGaussian();
            x[i][2] = (float) r.nextGaussian();
        }
        double[] w = Vectors.unit(DirectionFitter.withDefaults().withL2(1e-3).fit(DirectionMethod.LOGISTIC, x, y, null));
        assertTrue(w[0] > 0.95, "weight on the separating axis: " + w[0]);
        double[] p = DirectionFinder.project(x, w);
        assertEquals(1.0, ProjectionClassifier.fit(p, y).trainAccuracy(), 0.0);
    }

    @Test
    void pcaOfPairedDifferencesFindsTheAxisTheyVaryAlong() {
        Random r = new Random(5);
        int n = 100;
        float[][] x = new float[2 * n][3];
        boolean[] y = new boolean[2 * n];
        String[] items = new String[2 * n];
        for (int i = 0; i < n; i++) {
            float[] base = {(float) r.nextGaussian(), (float) r.nextGaussian(), (float) r.nextGaussian()};
            double shift = 2 + r.nextGaussian();   // differences vary along (0, 0.6, 0.8)
            x[2 * i] = new float[] {base[0], (float) (base[1] + 0.6 * shift), (float) (base[2] + 0.8 * shift)};
            x[2 * i + 1] = base;
            y[2 * i] = true;
            items[2 * i] = items[2 * i + 1] = "item " + i;
        }
        for (DirectionMethod m : new DirectionMethod[] {DirectionMethod.PCA, DirectionMethod.PCA_UNCENTRED}) {
            double[] v = Vectors.unit(DirectionFitter.withDefaults().fit(m, x, y, items));
            assertArrayEquals(new double[] {0, 0.6, 0.8}, v, 1e-5, m.id());
        }
    }

    @Test
    void projectionThresholdMaximisesTrainingAccuracy() {
        double[] p = {0.1, 0.2, 0.3, 0.9, 1.0, 0.25};
        boolean[] y = {false, false, false, true, true, true};
        ProjectionClassifier c = ProjectionClassifier.fit(p, y);
        assertEquals(0.225, c.threshold(), 1e-12, "between 0.2 and 0.25, the first of two best thresholds");
        assertEquals(5.0 / 6, c.trainAccuracy(), 1e-12);
        assertEquals(1.0, c.accuracy(new double[] {0.23, 0.22}, new boolean[] {true, false}), 0.0);
    }
}
